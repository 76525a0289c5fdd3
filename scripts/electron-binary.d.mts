/** Path of the installed Electron executable, or null when its binary is not installed. */
export function electronBinary(root?: string): string | null;
