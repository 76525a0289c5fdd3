/** The size and counts of an export, asked of core again whenever the choices change. */
import { useEffect, useState } from 'react';
import type { OpInput, OpOutput } from '../../../core/api';
import { glossa } from '../../glossa';

export type Estimate = OpOutput<'estimateExport'>;

export interface EstimateState {
  estimate: Estimate | null;
  /** Why there is nothing to export (core's message), or why the estimate failed. */
  error: string | null;
  loading: boolean;
}

/** Typing in a field should not ask core on every key. */
const SETTLE_MS = 150;

export function useEstimate(input: OpInput<'estimateExport'> | null): EstimateState {
  const key = input ? JSON.stringify(input) : null;
  const [state, setState] = useState<EstimateState>({ estimate: null, error: null, loading: key !== null });

  useEffect(() => {
    if (key === null) {
      setState({ estimate: null, error: null, loading: false });
      return;
    }
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    const timer = setTimeout(() => {
      glossa()
        .estimateExport(JSON.parse(key) as OpInput<'estimateExport'>)
        .then((estimate) => live && setState({ estimate, error: null, loading: false }))
        .catch((e: unknown) => live && setState({ estimate: null, error: e instanceof Error ? e.message : String(e), loading: false }));
    }, SETTLE_MS);
    // An answer to an older choice must not replace the current one.
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [key]);

  return state;
}
