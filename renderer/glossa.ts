/** The typed client of window operations; it lives in renderer/client (one module for every bridge). */
export { errorCode, glossa } from './client';
