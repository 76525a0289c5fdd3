/**
 * Closed word classes of English news attribution. These are general grammar (reporting
 * verbs, pronouns, honorifics, job titles), not names taken from any article.
 */

/** Reporting verbs (base forms); every inflection of them is a cue. */
const SPEECH_BASES = [
  'say', 'tell', 'add', 'write', 'tweet', 'ask', 'argue', 'warn', 'urge', 'testify', 'announce', 'explain', 'note',
  'state', 'claim', 'insist', 'continue', 'reply', 'respond', 'recall', 'declare', 'acknowledge', 'admit', 'concede',
  'suggest', 'stress', 'emphasize', 'emphasise', 'report', 'reiterate', 'conclude', 'counter', 'caution', 'predict',
  'promise', 'vow', 'complain', 'confirm', 'contend', 'maintain', 'observe', 'remark', 'reveal', 'post', 'comment',
  'joke', 'quip', 'shout', 'chant', 'exclaim', 'allege', 'disclose', 'assert', 'agree', 'tell', 'point', 'describe',
  'recount', 'boast', 'lament', 'plead', 'pledge', 'threaten', 'demand', 'proclaim', 'retort', 'cry', 'yell',
];
const IRREGULAR: Record<string, string[]> = {
  say: ['say', 'says', 'said', 'saying'],
  tell: ['tell', 'tells', 'told', 'telling'],
  write: ['write', 'writes', 'wrote', 'writing', 'written'],
  cry: ['cry', 'cries', 'cried'],
  reply: ['reply', 'replies', 'replied', 'replying'],
  testify: ['testify', 'testifies', 'testified', 'testifying'],
};

function inflect(base: string): string[] {
  if (IRREGULAR[base]) return IRREGULAR[base];
  const stem = base.endsWith('e') ? base.slice(0, -1) : base;
  const double = /^(?:[^aeiou]*[aeiou][^aeiouwy])$/.test(base) && !/(?:er|en|on)$/.test(base) ? base + base.slice(-1) : base;
  const ing = base.endsWith('e') ? `${stem}ing` : `${double}ing`;
  const ed = base.endsWith('e') ? `${base}d` : `${double}ed`;
  const s = /(?:s|sh|ch|x|z)$/.test(base) ? `${base}es` : `${base}s`;
  return [base, s, ed, ing];
}

/** Every inflected reporting verb → true. "agree" and "point" need a following word (checked by the caller). */
export const SPEECH_VERBS: ReadonlySet<string> = new Set(SPEECH_BASES.flatMap(inflect));
/** Verbs that introduce content without "that" ("he said the plan failed"); others need "that" or a quotation. */
export const BARE_CLAUSE_VERBS: ReadonlySet<string> = new Set(
  ['say', 'tell', 'add', 'write', 'tweet', 'argue', 'warn', 'insist', 'claim', 'explain', 'note', 'predict', 'testify', 'report', 'state', 'confirm', 'suggest', 'contend', 'maintain', 'allege', 'concede', 'acknowledge', 'admit', 'reiterate', 'stress', 'recall', 'assert', 'announce', 'declare', 'reveal', 'post', 'promise', 'vow', 'complain']
    .flatMap(inflect),
);
/** Verbs describing belief or feeling, which do not report speech (PARC guidelines). */
export const NOT_SPEECH: ReadonlySet<string> = new Set(['agree', 'agrees', 'agreed', 'agreeing', 'point', 'points', 'pointing', 'describe', 'describes', 'described', 'describing']);

export const PRONOUNS: Record<string, 'm' | 'f' | 'p' | 'n' | 'i'> = { he: 'm', she: 'f', they: 'p', it: 'n', we: 'p', i: 'i' };

/** Honorifics dropped from a recorded name. */
export const HONORIFICS = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'sir', 'dame', 'lord', 'lady', 'rev', 'fr']);

/** Nouns of office and occupation: a run of them (with the words tying them) before a name is the person's role. */
export const ROLE_NOUNS = new Set([
  'president', 'vice', 'prime', 'minister', 'secretary', 'senator', 'sen', 'rep', 'representative', 'congressman', 'congresswoman',
  'governor', 'gov', 'mayor', 'director', 'chief', 'officer', 'spokesman', 'spokeswoman', 'spokesperson', 'commissioner',
  'chairman', 'chairwoman', 'chair', 'ceo', 'cfo', 'coo', 'cto', 'founder', 'cofounder', 'co-founder', 'executive', 'head', 'leader',
  'coach', 'manager', 'captain', 'general', 'gen', 'lt', 'colonel', 'col', 'sergeant', 'sgt', 'capt', 'cmdr', 'commander',
  'ambassador', 'envoy', 'judge', 'justice', 'attorney', 'lawyer', 'prosecutor', 'counsel', 'professor', 'researcher',
  'scientist', 'analyst', 'economist', 'author', 'editor', 'reporter', 'correspondent', 'analyst', 'adviser', 'advisor',
  'aide', 'negotiator', 'diplomat', 'official', 'member', 'king', 'queen', 'prince', 'princess', 'pope', 'chancellor',
  'premier', 'sheriff', 'detective', 'inspector', 'superintendent', 'principal', 'teacher', 'doctor', 'physician',
  'nurse', 'surgeon', 'expert', 'strategist', 'partner', 'owner', 'player', 'striker', 'quarterback', 'singer', 'actor',
  'actress', 'star', 'producer', 'designer', 'engineer', 'councilman', 'councilwoman', 'councillor', 'councilor',
  'lawmaker', 'legislator', 'delegate', 'deputy', 'assistant', 'associate', 'senior', 'acting', 'former', 'then',
  'interim', 'treasurer', 'auditor', 'administrator', 'supervisor', 'agent', 'trooper', 'investigator', 'activist',
  'organizer', 'organiser', 'campaigner', 'candidate', 'nominee', 'host', 'anchor', 'columnist', 'writer', 'historian',
  'epidemiologist', 'physicist', 'astronomer', 'biologist', 'chemist', 'psychologist', 'sociologist', 'curator',
  'pastor', 'priest', 'rabbi', 'imam', 'bishop', 'cardinal', 'mother', 'father', 'wife', 'husband', 'son', 'daughter',
  'brother', 'sister', 'friend', 'resident', 'witness', 'victim', 'owner', 'president-elect', 'rep.', 'sen.', 'gov.',
]);

/** Head nouns of an organisation's name: a capitalised run holding one names an organisation, not a person. */
export const ORG_WORDS = new Set([
  'department', 'office', 'ministry', 'council', 'agency', 'police', 'inc', 'corp', 'corporation', 'company', 'co', 'ltd',
  'llc', 'group', 'university', 'college', 'school', 'committee', 'party', 'court', 'commission', 'association', 'news',
  'times', 'post', 'journal', 'institute', 'foundation', 'bank', 'board', 'bureau', 'service', 'services', 'center',
  'centre', 'administration', 'authority', 'house', 'senate', 'congress', 'parliament', 'government', 'organization',
  'organisation', 'union', 'league', 'federation', 'club', 'team', 'network', 'press', 'reuters', 'times', 'magazine',
  'hospital', 'clinic', 'society', 'trust', 'fund', 'force', 'army', 'navy', 'guard', 'campaign', 'project', 'airlines',
  'airways', 'motors', 'systems', 'technologies', 'labs', 'studios', 'records', 'enterprises', 'holdings', 'partners',
  'city', 'county', 'state', 'states', 'kingdom', 'republic', 'street', 'avenue', 'road', 'square', 'island', 'islands',
  'river', 'mountain', 'valley', 'bay', 'park', 'north', 'south', 'east', 'west', 'prison', 'jail', 'station', 'airport',
  'tower', 'hall', 'museum', 'library', 'church', 'cathedral', 'stadium', 'arena', 'centers', 'cup', 'games', 'olympics',
  'series', 'championship', 'tournament', 'festival', 'award', 'awards', 'prize', 'act', 'bill', 'law', 'treaty', 'accord',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february', 'march', 'april',
  'june', 'july', 'august', 'september', 'october', 'november', 'december', 'twitter', 'facebook', 'instagram', 'google',
  'youtube', 'tv', 'radio', 'channel', 'cnn', 'bbc', 'nbc', 'cbs', 'abc', 'fox', 'ap',
]);

/** Nouns naming a body rather than a person: "the agency", "the ministry" refer back to an organisation. */
export const ORG_REFERENCE_NOUNS = new Set([
  'agency', 'department', 'ministry', 'office', 'company', 'firm', 'group', 'organization', 'organisation', 'council',
  'committee', 'court', 'government', 'administration', 'club', 'team', 'university', 'newspaper', 'network', 'party',
  'union', 'board', 'bureau', 'commission', 'authority', 'police', 'campaign', 'startup', 'league', 'federation', 'charity',
  'foundation', 'institute', 'service', 'network', 'outlet', 'publication', 'studio', 'label', 'retailer', 'bank',
]);

/** Generic groups and unnamed individuals: a speaker the guidelines leave null. */
export const GENERIC_SOURCES = new Set([
  'officials', 'analysts', 'experts', 'critics', 'observers', 'sources', 'source', 'people', 'residents', 'witnesses',
  'prosecutors', 'teachers', 'researchers', 'scientists', 'investigators', 'authorities', 'police', 'protesters',
  'lawmakers', 'economists', 'supporters', 'opponents', 'doctors', 'students', 'parents', 'fans', 'users', 'others',
  'some', 'many', 'several', 'reports', 'media', 'documents', 'records', 'studies', 'polls', 'officers', 'advocates',
]);
