// Course 4's labs, in course order, for the labs CLI and the lab tests.
import type { Lab } from '../lab.js';
import { happyHouseLab } from './happy-house.js';
import { signsConvolutionalLab } from './signs-convolutional.js';
import { resnetSignsLab } from './resnet-signs.js';
import { transferMobileNetLab } from './transfer-mobilenet.js';
import { shapeDetectionLab } from './shape-detection.js';
import { shapeSegmentationLab } from './shape-segmentation.js';
import { faceRecognitionLab } from './face-recognition.js';
import { styleTransferLab } from './style-transfer.js';

/** The course-4 labs. */
export const c4Labs: Lab[] = [
  happyHouseLab,
  signsConvolutionalLab,
  resnetSignsLab,
  transferMobileNetLab,
  shapeDetectionLab,
  shapeSegmentationLab,
  faceRecognitionLab,
  styleTransferLab,
];

export {
  happyHouseLab,
  signsConvolutionalLab,
  resnetSignsLab,
  transferMobileNetLab,
  shapeDetectionLab,
  shapeSegmentationLab,
  faceRecognitionLab,
  styleTransferLab,
};
