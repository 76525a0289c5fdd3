/**
 * A figure's reading of its own text (what core/figures made of "almost 20 times") with the
 * offer to take what is still empty (A), and the checks of the article's figures that
 * involve it: 1,526 ÷ 80 ≈ 19.1 against "almost 20 times" agrees.
 */
import type { Annotation } from '../../../core/model';
import { formatFigureValue } from '../../ui/format';
import type { FigureAnalysis } from './useFigures';

const FIELDS = ['value', 'unit', 'qualifier', 'period'] as const;
const show = (v: unknown) => (typeof v === 'number' ? formatFigureValue(v) : String(v));

/** Fields the text gives that the figure does not have yet. */
export function offered(annotation: Annotation, analysis: FigureAnalysis | null): [string, unknown][] {
  const reading = analysis?.readings[annotation.id];
  if (!reading) return [];
  return FIELDS.filter((k) => reading[k] !== null && (annotation.fields[k] === null || annotation.fields[k] === undefined)).map((k) => [k, reading[k]]);
}

export function FigureExtras({ annotation, analysis, onAccept }: { annotation: Annotation; analysis: FigureAnalysis | null; onAccept(): void }) {
  const offer = offered(annotation, analysis);
  const checks = analysis?.relations.filter((r) => r.figures.includes(annotation.id)) ?? [];
  if (offer.length === 0 && checks.length === 0) return null;
  return (
    <div className="figure-extras">
      {offer.length ? (
        <p className="figure-offer" role="status">
          From the text: {offer.map(([k, v]) => `${k} ${show(v)}`).join(' · ')}{' '}
          <button type="button" className="button button-small" onClick={onAccept} aria-keyshortcuts="A">
            Accept <kbd>A</kbd>
          </button>
        </p>
      ) : null}
      {checks.length ? (
        <ul className="figure-checks" aria-label="Checks with other figures">
          {checks.map((r, i) => (
            <li key={i} className={r.agrees ? 'agree' : 'disagree'}>
              <span aria-hidden="true">{r.agrees ? '✓ ' : '✗ '}</span>
              <span className="visually-hidden">{r.agrees ? 'Agrees: ' : 'Does not agree: '}</span>
              {r.explanation}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
