/** Operations on the speakers (filled in by its owner; registered in core/api.ts). */
export {};
