/**
 * Codes both ways: the researcher's tags (a tree by parentId) and the codes Glossa adds so
 * other QDA tools can see what it knows: a "Glossa" code holding Quote, Claim and Figure
 * (one per annotation kind) and "Speakers" (one code per person quoted). Their GUIDs are
 * fixed, so an import recognises them and never turns them into tags.
 */
import { CodeTag, Speaker, type AnnotationKind } from '../model/index.js';
import { withBlock, takeBlock, entry, type Entry } from './described.js';
import { derivedGuid, guidFor, normaliseGuid } from './guid.js';
import type { XmlElement, XmlNode } from './xml.js';

export const GLOSSA_CODE = { guid: derivedGuid('code:glossa'), name: 'Glossa', color: '#4b5563' };
export const SPEAKERS_CODE = { guid: derivedGuid('code:speakers'), name: 'Speakers', color: '#6b7280' };
/** Colours as the reader paints each kind (renderer/app/base.css). */
export const KIND_CODES: Record<Exclude<AnnotationKind, 'note'>, { guid: string; name: string; color: string; description: string }> = {
  quote: { guid: derivedGuid('code:kind:quote'), name: 'Quote', color: '#1f5fd6', description: 'Direct or indirect quotes, tagged in Glossa.' },
  claim: { guid: derivedGuid('code:kind:claim'), name: 'Claim', color: '#b93d0b', description: 'Check-worthy claims, tagged in Glossa.' },
  figure: { guid: derivedGuid('code:kind:figure'), name: 'Figure', color: '#0f7542', description: 'Numbers with their units, tagged in Glossa.' },
};

const DEFAULT_COLOR = '#6b7280';
export const tagGuid = (id: string) => guidFor('tag', id);
export const speakerGuid = (id: string) => guidFor('speaker', id);

/** A REFI GUID as a Glossa id: normalised when valid, else derived from the raw text so references still meet. */
export const idFromRef = (raw: string): string => normaliseGuid(raw) ?? derivedGuid(`refi:${raw}`);

// ---- writing ---------------------------------------------------------------------------

/**
 * Tags as nested Code nodes. A tag whose parent is missing, or that sits in a parent cycle,
 * is placed at the top rather than lost.
 */
export function tagCodes(tags: readonly CodeTag[]): XmlNode[] {
  const ids = new Set(tags.map((t) => t.id));
  const kids = new Map<string | null, CodeTag[]>();
  for (const t of tags) {
    const parent = t.parentId !== null && ids.has(t.parentId) && t.parentId !== t.id ? t.parentId : null;
    const list = kids.get(parent);
    if (list) list.push(t);
    else kids.set(parent, [t]);
  }
  const placed = new Set<string>();
  const node = (t: CodeTag): XmlNode => {
    placed.add(t.id);
    const children = (kids.get(t.id) ?? []).filter((c) => !placed.has(c.id)).map(node);
    const description = withBlock(t.description, 'tag', t.key ? [['Key', t.key]] : []);
    return {
      name: 'Code',
      attrs: { guid: tagGuid(t.id), name: t.name, isCodable: true, color: t.color },
      children: [description ? { name: 'Description', text: description } : null, ...children],
    };
  };
  const roots = (kids.get(null) ?? []).map(node);
  // Whatever a cycle kept out of reach.
  for (const t of tags) if (!placed.has(t.id)) roots.push(node(t));
  return roots;
}

/** The "Glossa" code: kinds, and the speakers when there are any. */
export function glossaCode(speakers: readonly Speaker[]): XmlNode {
  const kinds = Object.values(KIND_CODES).map((k) => ({
    name: 'Code',
    attrs: { guid: k.guid, name: k.name, isCodable: true, color: k.color },
    children: [{ name: 'Description', text: k.description }],
  }));
  const people: XmlNode | null =
    speakers.length === 0
      ? null
      : {
          name: 'Code',
          attrs: { guid: SPEAKERS_CODE.guid, name: SPEAKERS_CODE.name, isCodable: false, color: SPEAKERS_CODE.color },
          children: [
            { name: 'Description', text: 'People and bodies quoted; each quote is coded with its speaker.' },
            ...speakers.map((s) => ({
              name: 'Code',
              attrs: { guid: speakerGuid(s.id), name: s.name, isCodable: true },
              children: [speakerDescription(s)],
            })),
          ],
        };
  return {
    name: 'Code',
    attrs: { guid: GLOSSA_CODE.guid, name: GLOSSA_CODE.name, isCodable: false, color: GLOSSA_CODE.color },
    children: [{ name: 'Description', text: 'Codes Glossa adds: the kind of each annotation, and who is quoted.' }, ...kinds, people],
  };
}

function speakerDescription(s: Speaker): XmlNode | null {
  const entries: Entry[] = [];
  if (s.role) entries.push(['Role', s.role]);
  if (s.organisation) entries.push(['Organisation', s.organisation]);
  for (const alias of s.aliases) entries.push(['Alias', alias]);
  const text = withBlock('', 'speaker', entries);
  return text ? { name: 'Description', text } : null;
}

// ---- reading ---------------------------------------------------------------------------

export interface ReadCodes {
  tags: CodeTag[];
  speakers: Speaker[];
  /** Code id → what it means to Glossa. */
  meaning: Map<string, { kind: Exclude<AnnotationKind, 'note'> } | { speaker: string } | { tag: string } | { structural: true }>;
}

const normaliseColor = (c: string | undefined): string => {
  const v = c?.trim() ?? '';
  if (/^#[0-9a-fA-F]{6}$/.test(v)) return v;
  if (/^#[0-9a-fA-F]{3}$/.test(v)) return `#${[...v.slice(1)].map((x) => x + x).join('')}`.toLowerCase();
  return DEFAULT_COLOR;
};

const textOf = (el: XmlElement, name: string) => el.children.find((c) => c.name === name)?.text ?? '';

/** Reads the Code elements under a Codes element (codebook or project). */
export function readCodes(codes: XmlElement | undefined, now: string, problems: string[]): ReadCodes {
  const out: ReadCodes = { tags: [], speakers: [], meaning: new Map() };
  if (!codes) return out;
  const kindByGuid = new Map(Object.entries(KIND_CODES).map(([kind, c]) => [c.guid, kind as Exclude<AnnotationKind, 'note'>]));
  let unnamed = 0;

  const idOf = (el: XmlElement, where: string): string | null => {
    const raw = el.attrs.guid;
    if (raw === undefined) {
      problems.push(`${where} has no guid, so nothing can refer to it; it was skipped.`);
      return null;
    }
    if (!normaliseGuid(raw)) problems.push(`${where} has an invalid GUID "${raw.slice(0, 60)}"; Glossa gave it its own id.`);
    const id = idFromRef(raw);
    if (out.meaning.has(id)) {
      problems.push(`${where} repeats the GUID ${raw}; only the first code with it was kept.`);
      return null;
    }
    return id;
  };

  const readTag = (el: XmlElement, parentId: string | null) => {
    let name = (el.attrs.name ?? '').trim();
    const where = `Code "${name || '(no name)'}"`;
    const id = idOf(el, where);
    if (id === null) {
      // Its children still come in, one level up.
      for (const c of el.children) if (c.name === 'Code') readTag(c, parentId);
      return;
    }
    if (name === '') {
      name = `Unnamed code ${++unnamed}`;
      problems.push(`A code without a name was imported as "${name}".`);
    }
    if (name.length > 200) {
      problems.push(`Code "${name.slice(0, 40)}…" has a name longer than 200 characters; it was shortened.`);
      name = name.slice(0, 200).trim();
    }
    const raw = textOf(el, 'Description');
    const block = takeBlock(raw);
    const ours = block?.what === 'tag' ? block : null;
    let description = ours ? ours.rest : raw;
    if (description.length > 10_000) {
      problems.push(`Code "${name}" has a description longer than 10,000 characters; it was shortened.`);
      description = description.slice(0, 10_000);
    }
    const key = ours ? entry(ours.entries, 'Key') : undefined;
    const parsed = CodeTag.safeParse({
      id,
      name,
      parentId,
      color: normaliseColor(el.attrs.color),
      key: key && /^[a-z0-9]$/.test(key) ? key : null,
      description,
      createdAt: now,
      updatedAt: now,
    });
    if (!parsed.success) {
      problems.push(`Code "${name}" could not be read (${parsed.error.issues[0]?.message ?? 'invalid'}); it was skipped.`);
      return;
    }
    if (key && parsed.data.key === null) problems.push(`Code "${name}" names the key "${key}", which is not a single letter or digit; the key was dropped.`);
    out.tags.push(parsed.data);
    out.meaning.set(id, { tag: id });
    for (const c of el.children) if (c.name === 'Code') readTag(c, id);
  };

  const readSpeaker = (el: XmlElement) => {
    const name = (el.attrs.name ?? '').trim();
    const id = idOf(el, `Speaker code "${name}"`);
    if (id === null) return;
    const block = takeBlock(textOf(el, 'Description'));
    const entries = block?.what === 'speaker' ? block.entries : [];
    const parsed = Speaker.safeParse({
      id,
      name,
      aliases: entries.filter(([l]) => l === 'Alias').map(([, v]) => v),
      role: entry(entries, 'Role') ?? null,
      organisation: entry(entries, 'Organisation') ?? null,
      createdAt: now,
      updatedAt: now,
    });
    if (!parsed.success) {
      problems.push(`Speaker code "${name}" could not be read (${parsed.error.issues[0]?.message ?? 'invalid'}); it was skipped.`);
      return;
    }
    out.speakers.push(parsed.data);
    out.meaning.set(id, { speaker: id });
  };

  const readGlossa = (el: XmlElement) => {
    out.meaning.set(GLOSSA_CODE.guid, { structural: true });
    for (const c of el.children.filter((x) => x.name === 'Code')) {
      const id = normaliseGuid(c.attrs.guid);
      const kind = id ? kindByGuid.get(id) : undefined;
      if (id && kind) out.meaning.set(id, { kind });
      else if (id === SPEAKERS_CODE.guid) {
        out.meaning.set(id, { structural: true });
        for (const s of c.children) if (s.name === 'Code') readSpeaker(s);
      } else readTag(c, null); // a code someone added under "Glossa" is just a tag
    }
  };

  for (const el of codes.children) {
    if (el.name !== 'Code') continue;
    if (normaliseGuid(el.attrs.guid) === GLOSSA_CODE.guid) readGlossa(el);
    else readTag(el, null);
  }
  return out;
}
