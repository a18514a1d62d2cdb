/**
 * What kind of unit a unit is (单位类型), for linked assessment (联动考核): communities score the
 * departments that serve them, towns and departments score one another. Offices write the same
 * kind several ways; each is read as one of these.
 */
export const unitTypes = ['community', 'town', 'zone', 'department'] as const;
export type UnitType = (typeof unitTypes)[number];

const wordsOf: Record<UnitType, readonly string[]> = {
  community: ['社区', '村', '村居', '村社区', '村（社区）', '居委会', '社区居委会', 'community', 'communities'],
  town: ['街镇', '街道', '镇', '乡镇', '乡', '街道办', '街道办事处', 'town', 'towns', 'township', 'street'],
  zone: ['功能区', '园区', '开发区', '新区', 'zone', 'zones', 'functional zone'],
  department: ['部门', '区直部门', '区直单位', '委办局', '机关', 'department', 'departments', 'dept'],
};

const byWord = new Map<string, UnitType>(unitTypes.flatMap((type) => wordsOf[type].map((word) => [fold(word), type] as const)));

function fold(word: string): string {
  return word.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();
}

/**
 * The unit type a word names, in Chinese or English, as offices write it; undefined for a word
 * that names none.
 *
 * @example unitTypeOf('街道') // 'town'
 */
export function unitTypeOf(word: string): UnitType | undefined {
  return byWord.get(fold(word));
}
