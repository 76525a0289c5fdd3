/**
 * Sample snapshots and annotations for the bundle tests: texts with non-breaking spaces,
 * curly quotes, emoji (surrogate pairs) and combining marks, so UTF-16 offsets are exercised,
 * and annotations that use every field Glossa has.
 */
import { randomUUID } from 'node:crypto';
import { Annotation, type AnnotationFields, type AnnotationKind } from '../../../core/model/index.js';
import { makeTarget } from '../../../core/text/selectors.js';

export const TEXT_A = [
  'NYPD says it will not help ICE',
  '',
  'Police Commissioner James O’Neill said on Tuesday: “We are not going to be the ones enforcing immigration law.”',
  '',
  'Arrests by ICE in the city rose to 1,200\u00a0people in 2017 🚓, about 30\u00a0percent more than in 2016, according to the agency.',
  '',
  'The mayor claimed the city is “safer than it has ever been,” a statement critics call misleading.',
  '',
  'Café owners (naïve? no — cafe\u0301 owners) said “¿qué pasa?” 👩🏽‍⚕️ and moved on.',
].join('\n');

export const TEXT_B = [
  'Budget hearing, day two',
  '',
  'The council approved $4.5 billion for schools, nearly 12 percent of the total.',
  '',
  '“This is the largest investment in a generation,” said Speaker Corey Johnson.',
].join('\n');

/** A 1×1 transparent PNG: a real image asset for the snapshot's assetHashes. */
export const PNG_1X1 = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);

export function spanOf(text: string, exact: string, occurrence = 1): [number, number] {
  let at = -1;
  for (let i = 0; i < occurrence; i++) {
    at = text.indexOf(exact, at + 1);
    if (at < 0) throw new Error(`"${exact}" does not occur ${occurrence} times in the sample text`);
  }
  return [at, at + exact.length];
}

export interface AnnotationSpec {
  kind: AnnotationKind;
  exact: string;
  occurrence?: number;
  fields?: AnnotationFields;
  tags?: string[];
  comment?: string;
  links?: { rel: string; annotationId: string }[];
  origin?: { type: 'human' | 'suggested'; detector: string | null; accepted: boolean | null };
  createdAt?: string;
  updatedAt?: string;
  deletedAt?: string | null;
  id?: string;
}

export function makeAnnotation(snapshotId: string, text: string, spec: AnnotationSpec): Annotation {
  const [start, end] = spanOf(text, spec.exact, spec.occurrence);
  const created = spec.createdAt ?? '2024-03-01T10:00:00.000Z';
  return Annotation.parse({
    id: spec.id ?? randomUUID(),
    snapshotId,
    kind: spec.kind,
    target: makeTarget(text, start, end),
    fields: spec.fields ?? {},
    tags: spec.tags ?? [],
    comment: spec.comment ?? '',
    links: spec.links ?? [],
    origin: spec.origin ?? { type: 'human', detector: null, accepted: null },
    createdAt: created,
    updatedAt: spec.updatedAt ?? created,
    deletedAt: spec.deletedAt ?? null,
  });
}

/** Annotations of TEXT_A covering every kind, every field, tags, links, origin and a tombstone. */
export function annotationsForA(snapshotId: string, newId: () => string = randomUUID): Annotation[] {
  const quote = makeAnnotation(snapshotId, TEXT_A, {
    id: newId(),
    kind: 'quote',
    exact: '“We are not going to be the ones enforcing immigration law.”',
    fields: { speaker: 'James O’Neill', speakerRole: 'Police Commissioner', quoteType: 'direct', cue: 'said' },
    tags: ['immigration', 'policing'],
    comment: 'Key quote, line 1.\nSecond line, with "quotes", commas; and a tab\there.',
    createdAt: '2024-03-01T10:00:00.000Z',
    updatedAt: '2024-03-02T08:30:15.123Z',
  });
  const figure = makeAnnotation(snapshotId, TEXT_A, {
    id: newId(),
    kind: 'figure',
    exact: '1,200\u00a0people',
    fields: { value: 1200, unit: 'people', qualifier: null, measure: 'ICE arrests in the city', period: '2017' },
    tags: ['numbers'],
  });
  const percent = makeAnnotation(snapshotId, TEXT_A, {
    id: newId(),
    kind: 'figure',
    exact: 'about 30\u00a0percent',
    fields: { value: 30.5, unit: 'percent', qualifier: 'about', measure: 'rise in arrests', period: '2016–2017' },
    origin: { type: 'suggested', detector: 'figures-v1', accepted: true },
  });
  const claim = makeAnnotation(snapshotId, TEXT_A, {
    id: newId(),
    kind: 'claim',
    exact: 'the city is “safer than it has ever been,”',
    fields: {
      claimant: 'the mayor',
      verdict: 'misleading',
      evidenceNote: 'Crime fell, but not in every category.',
      evidence: [
        { url: 'https://example.org/crime-stats', snapshotId: null, annotationId: null, note: 'city statistics' },
        { url: null, snapshotId, annotationId: figure.id, note: 'the arrests figure' },
      ],
      checkworthiness: 0.8,
    },
    links: [{ rel: 'supported-by', annotationId: figure.id }],
    comment: '',
  });
  const emoji = makeAnnotation(snapshotId, TEXT_A, {
    id: newId(),
    kind: 'quote',
    exact: '“¿qué pasa?” 👩🏽‍⚕️',
    fields: { speaker: 'Café owners', quoteType: 'mixed', cue: null },
  });
  const note = makeAnnotation(snapshotId, TEXT_A, {
    id: newId(),
    kind: 'note',
    exact: 'cafe\u0301 owners',
    comment: '=SUM(A1:A9) looks like a formula',
  });
  const tombstone = makeAnnotation(snapshotId, TEXT_A, {
    id: newId(),
    kind: 'claim',
    exact: 'a statement critics call misleading',
    fields: { claimant: 'critics', verdict: 'unverified' },
    createdAt: '2024-03-01T11:00:00.000Z',
    updatedAt: '2024-03-03T09:00:00.000Z',
    deletedAt: '2024-03-03T09:00:00.000Z',
  });
  return [quote, figure, percent, claim, emoji, note, tombstone];
}

export function annotationsForB(snapshotId: string, newId: () => string = randomUUID): Annotation[] {
  return [
    makeAnnotation(snapshotId, TEXT_B, {
      id: newId(),
      kind: 'figure',
      exact: '$4.5 billion',
      fields: { value: 4.5e9, unit: 'USD', qualifier: null, measure: 'school budget', period: null },
    }),
    makeAnnotation(snapshotId, TEXT_B, {
      id: newId(),
      kind: 'quote',
      exact: '“This is the largest investment in a generation,”',
      fields: { speaker: 'Corey Johnson', speakerRole: 'Speaker', quoteType: 'direct', cue: 'said' },
    }),
    makeAnnotation(snapshotId, TEXT_B, {
      id: newId(),
      kind: 'claim',
      exact: 'the largest investment in a generation',
      fields: { claimant: 'Corey Johnson', verdict: 'unverified', evidenceNote: null },
      tags: ['budget'],
    }),
  ];
}
