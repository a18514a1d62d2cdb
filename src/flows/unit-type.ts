import type { Db } from '../db/database.ts';
import { suggest } from '../domain/suggest.ts';
import { unitTypeOf } from '../domain/unit-type.ts';
import { unitTypeWord } from '../render/assessment-words.ts';
import { recordAudit } from '../store/audit-log.ts';
import { unitNames } from '../store/task-history.ts';
import { setUnitType, unitByName } from '../store/units.ts';
import type { RoundDeps, RoundOutcome } from './assessment-rounds.ts';

/**
 * Types a unit (单位类型) by an admin: the last word is the type, the words before it the unit
 * (a unit's name may hold spaces). Refused, changing nothing, for an unknown unit or type.
 */
export async function typeUnit(db: Db, deps: RoundDeps, input: { words: readonly string[]; actor: string; now: Date }): Promise<RoundOutcome & { usage?: boolean }> {
  const { t } = deps;
  const words = input.words.flatMap((word) => word.trim().split(/\s+/)).filter(Boolean);
  if (words.length < 2) return { ok: false, usage: true, lines: [t('unitType.usage').replace(/<\/?code>/g, '')] };
  const typeWord = words.at(-1)!;
  const name = words.slice(0, -1).join(' ');
  const type = unitTypeOf(typeWord);
  if (!type) return { ok: false, lines: [t('unitType.unknown', { value: typeWord })] };
  const unit = await unitByName(db, name);
  if (!unit) {
    const names = suggest(name, await unitNames(db));
    return { ok: false, lines: [t('unitType.unknownUnit', { name, suggestions: names.length > 0 ? t('suggest.didYouMean', { names: names.join('、') }) : '' })] };
  }
  await setUnitType(db, unit.id, type);
  await recordAudit(db, input.now, { actor: input.actor, action: 'unit.type', subject: unit.name, detail: { from: unit.unitType, to: type } });
  return { ok: true, lines: [t('unitType.done', { unit: unit.name, type: unitTypeWord(t, type) })] };
}
