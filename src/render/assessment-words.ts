import type { Translate } from '../i18n/translate.ts';
import type { UnitType } from '../domain/unit-type.ts';

/** `截止 2026-12-31`, or that the round closes when an admin says. */
export function closesText(t: Translate, round: { closesOn: string | null }): string {
  return round.closesOn === null ? t('assess.closesOpen') : t('assess.closesOn', { date: round.closesOn });
}

/** 社区, 街镇, 功能区, 部门: a unit type in the user's words. */
export function unitTypeWord(t: Translate, type: UnitType): string {
  return t(`unitType.${type}`);
}
