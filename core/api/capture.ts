/** Operations on the capture (filled in by its owner; registered in core/api.ts). */
export {};
