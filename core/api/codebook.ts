/** Operations on the codebook (filled in by its owner; registered in core/api.ts). */
export {};
