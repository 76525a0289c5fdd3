/**
 * Figures: reading the numbers a person tags ("almost 20 times", "$3.4 billion") and
 * checking whether figures in one article agree with each other (1,526 ÷ 80 ≈ 19.1
 * against "almost 20 times"). Pure: no Node, no storage.
 */
export { MAX_FIGURE_TEXT, parseFigure, type ParsedFigure } from './parse.js';
export { checkFigureRelations, type FigureInput } from './relations.js';
export { accepts, qualifierClass } from './qualifiers.js';
export { readDigits, readWordNumber, tokenize } from './numbers.js';
