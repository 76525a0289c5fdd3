/** The reader's pieces come from core/text, the single source of offset maths. */
import { segmentRange, type Segment } from '../../../core/text/segments';
import type { Span } from './highlight';

export type Piece = Segment;

/** Pieces of [start, end); `spans` is indexed once per array, so pass the same (memoised) array for every block. */
export const piecesFor = (start: number, end: number, spans: readonly Span[]): Piece[] => segmentRange(start, end, spans);
