/**
 * A figure's reading of its own text (what core/figures made of "almost 20 times") with the
 * offer to take what is still empty (A), and the checks of the article's figures that
 * involve it: 1,526 ÷ 80 ≈ 19.1 against "almost 20 times" agrees.
 */
import type { Annotation } from '../../../core/model';
import { formatFigureValue } from '../../ui/format';
import type { FigureAnalysis } from './useFigures';
import { useMessages } from '../../i18n';
import { annotateMessages } from './messages';

const FIELDS = ['value', 'unit', 'qualifier', 'period'] as const;
/** Marks beside a check (hidden from screen readers, which hear the words). */
const AGREES_MARK = '✓ ';
const DISAGREES_MARK = '✗ ';
const show = (v: unknown) => (typeof v === 'number' ? formatFigureValue(v) : String(v));

/** Fields the text gives that the figure does not have yet. */
export function offered(annotation: Annotation, analysis: FigureAnalysis | null): [string, unknown][] {
  const reading = analysis?.readings[annotation.id];
  if (!reading) return [];
  return FIELDS.filter((k) => reading[k] !== null && (annotation.fields[k] === null || annotation.fields[k] === undefined)).map((k) => [k, reading[k]]);
}

export function FigureExtras({ annotation, analysis, onAccept }: { annotation: Annotation; analysis: FigureAnalysis | null; onAccept(): void }) {
  const m = useMessages(annotateMessages);
  const offer = offered(annotation, analysis);
  const checks = analysis?.relations.filter((r) => r.figures.includes(annotation.id)) ?? [];
  if (offer.length === 0 && checks.length === 0) return null;
  return (
    <div className="figure-extras">
      {offer.length ? (
        <p className="figure-offer" role="status">
          {m.fromTheText}
          {offer.map(([k, v]) => `${m.offeredField[k] ?? k} ${show(v)}`).join(' · ')}{' '}
          <button type="button" className="button button-small" onClick={onAccept} aria-keyshortcuts="A">
            {m.accept} <kbd>A</kbd>
          </button>
        </p>
      ) : null}
      {checks.length ? (
        <ul className="figure-checks" aria-label={m.otherFigureChecks}>
          {checks.map((r, i) => (
            <li key={i} className={r.agrees ? 'agree' : 'disagree'}>
              <span aria-hidden="true">{r.agrees ? AGREES_MARK : DISAGREES_MARK}</span>
              <span className="visually-hidden">{r.agrees ? m.agrees : m.disagrees}</span>
              {r.explanation}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
