/**
 * Offices write several people in one cell (「张伟、李娜」), a phone number or a title beside a
 * name (「周杰（13800000000）」), a lead unit with co-units (「区发改局（牵头）、区财政局」). Read
 * as one name, each becomes a person or a unit that does not exist; so a cell is read into its
 * parts, and whatever was taken out is said.
 */

const SEPARATORS = /[、，,；;/／\n\r]+/;
const PHONE = /(?:\+?86[-\s]?)?1[3-9]\d{9}|0\d{2,3}[-\s]?\d{7,8}|\d{7,8}/g;
/** Longest first, so that 副区长 is taken whole before 区长. */
const TITLES = [
  '常务副区长', '副区长', '区长', '副书记', '书记', '副局长', '局长', '副主任', '主任', '副镇长', '镇长',
  '副处长', '处长', '副科长', '科长', '副部长', '部长', '副主席', '主席', '副所长', '所长', '副站长', '站长',
  '副院长', '院长', '副校长', '校长', '总经理', '经理', '调研员', '主任科员', '科员', '同志',
];

export interface PeopleInCell {
  names: string[];
  /** Phone numbers and titles taken out of the cell, as written. */
  takenOut: string[];
  /** Names that still do not look like a person's (digits, Latin letters, too long), kept as written. */
  doubtful: string[];
}

function person(written: string, takenOut: string[]): string {
  let name = written.replace(/[（(]([^）)]*)[）)]/g, (whole, inner: string) => {
    takenOut.push(inner.trim());
    return '';
  });
  name = name.replace(PHONE, (phone) => {
    takenOut.push(phone);
    return '';
  }).replace(/[:：\s]+$/, '').replace(/^[:：\s]+/, '').trim();
  // 「李副区长」 is how a leader is known: a title is taken off only when a whole name is left.
  const title = TITLES.find((t) => name.endsWith(t));
  if (title && [...name.slice(0, -title.length).trim()].length >= 2) {
    takenOut.push(title);
    name = name.slice(0, -title.length).trim();
  }
  return name;
}

/** 2 to 4 Han characters, or a middle-dotted transliteration: a name, not a note. */
const LOOKS_LIKE_NAME = /^(?:[\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff]{1,6}·[\u4e00-\u9fff]{1,8})$/;

/**
 * @example peopleInCell('张伟、李娜') // { names: ['张伟', '李娜'], takenOut: [], doubtful: [] }
 * @example peopleInCell('周杰（13800000000）') // { names: ['周杰'], takenOut: ['13800000000'], doubtful: [] }
 */
export function peopleInCell(text: string): PeopleInCell {
  const takenOut: string[] = [];
  const names: string[] = [];
  for (const part of text.normalize('NFKC').split(SEPARATORS)) {
    const name = person(part, takenOut);
    if (name === '') continue;
    // 「张伟 李娜」: blanks between names that each look like one separate two people.
    const words = name.split(/\s+/);
    for (const word of words.length > 1 && words.every((w) => LOOKS_LIKE_NAME.test(w)) ? words : [name]) if (!names.includes(word)) names.push(word);
  }
  return { names, takenOut: takenOut.filter((t) => t !== ''), doubtful: names.filter((name) => /[\d@]/.test(name) || [...name].length > 12) };
}

export interface UnitsInCell {
  lead: string;
  coUnits: string[];
  /** Several units and none marked 牵头: the first was taken as the lead. */
  leadGuessed: boolean;
}

/** How a unit's name ends (局, 委, 办, 中心, 街道, 镇 …), or a mark after it: what a whole name looks like. */
const UNIT_END = /(?:局|委|办|厅|部|处|科|室|院|所|站|队|会|中心|街道|镇|(?<!城)乡|(?<!农)村|社区|公司|集团|园区|管委会|政府|[)）]|牵头|配合|协办)$/;

/**
 * A long unit name wrapped by hand in a narrow column (「区住房和城乡\n建设局」) is one name: a line
 * break after something that does not end as a unit's name does joins the two lines; one after a
 * whole name separates two units, as 、 does.
 */
function wrappedNamesJoined(text: string): string {
  return text.replace(/\s*\n\s*/g, (brk, at: number) => (UNIT_END.test(text.slice(0, at).trimEnd()) ? '\n' : ''));
}

const LEAD = /[（(]\s*牵头(?:单位)?\s*[)）]|^牵头(?:单位)?[:：]?|牵头$/;
const CO = /[（(]\s*(?:配合|协办|参与|协助)(?:单位)?\s*[)）]|^(?:配合|协办|参与|协助)(?:单位)?[:：]?|(?:配合|协办)$/;

/**
 * @example unitsInCell('区发改局（牵头）、区财政局') // { lead: '区发改局', coUnits: ['区财政局'], leadGuessed: false }
 * @example unitsInCell('牵头：区住建局；配合：区城管局、各街道') // { lead: '区住建局', coUnits: ['区城管局', '各街道'], leadGuessed: false }
 */
export function unitsInCell(text: string): UnitsInCell {
  let lead: string | undefined;
  const others: string[] = [];
  let markedCo = false;
  for (const raw of wrappedNamesJoined(text.normalize('NFKC')).split(SEPARATORS)) {
    let part = raw.trim();
    if (part === '') continue;
    const isLead = LEAD.test(part);
    const isCo = CO.test(part);
    part = part.replace(LEAD, '').replace(CO, '').trim();
    if (part === '') continue;
    if (isLead && lead === undefined) {
      lead = part;
    } else {
      markedCo ||= isCo;
      if (!others.includes(part)) others.push(part);
    }
  }
  if (lead !== undefined) return { lead, coUnits: others.filter((u) => u !== lead), leadGuessed: false };
  const [first = '', ...rest] = others;
  return { lead: first, coUnits: rest, leadGuessed: rest.length > 0 && !markedCo };
}
