// Course 4's labs, in course order, for the labs CLI and the lab tests.
import type { Lab } from '../lab.js';
import { transferMobileNetLab } from './transfer-mobilenet.js';

/** The course-4 labs. */
export const c4Labs: Lab[] = [transferMobileNetLab];

export { transferMobileNetLab };
