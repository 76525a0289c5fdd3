/**
 * Figures: reading the numbers a person tags ("almost 20 times", "$3.4 billion") and
 * checking whether figures in one article agree with each other (1,526 ÷ 80 ≈ 19.1
 * against "almost 20 times"). Pure: no Node, no storage.
 */
export { MAX_FIGURE_TEXT, parseFigure, type FigureContext, type FigureKind, type ParsedFigure } from './parse.js';
export { checkFigureRelations, type FigureInput, type FigureRelation } from './relations.js';
export { APPROX_TOLERANCE, accepts, qualifierClass, normaliseQualifier, type Acceptance, type QualifierClass } from './qualifiers.js';
export { readDigits, readWordNumber, tokenize } from './numbers.js';
