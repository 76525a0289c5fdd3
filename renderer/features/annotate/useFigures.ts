/** The snapshot's figure analysis (readings and relation checks), asked of core again when its figures change. */
import { useEffect, useRef, useState } from 'react';
import type { OpOutput } from '../../../core/api';
import type { Annotation } from '../../../core/model';
import { glossa } from '../../glossa';
import { isUnsaved } from './saving';

export type FigureAnalysis = OpOutput<'analyseFigures'>;

export function useFigures(snapshotId: string, annotations: readonly Annotation[]): FigureAnalysis | null {
  const [analysis, setAnalysis] = useState<FigureAnalysis | null>(null);
  const lastKey = useRef<string | null>(null);
  const timer = useRef(0);
  useEffect(() => () => clearTimeout(timer.current), []);
  // Asked again only when what the analysis reads changed: the figures' spans and number
  // fields. Worked out a moment after the frame is painted, never while the reader draws a change.
  useEffect(() => {
    clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      const key = `${snapshotId}#${annotations
        .filter((a) => a.kind === 'figure' && !isUnsaved(a.id))
        .map((a) => `${a.id}:${a.target.position.start}-${a.target.position.end}:${a.fields.value ?? ''}:${a.fields.unit ?? ''}:${a.fields.qualifier ?? ''}`)
        .join('|')}`;
      if (key === lastKey.current) return;
      lastKey.current = key;
      if (key.endsWith('#')) {
        setAnalysis(null);
        return;
      }
      glossa()
        .analyseFigures({ snapshotId })
        .then((a) => lastKey.current === key && setAnalysis(a))
        .catch(() => lastKey.current === key && setAnalysis(null));
    }, 60);
  }, [snapshotId, annotations]);
  return analysis;
}
