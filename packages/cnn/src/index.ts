/**
 * Course 4 of the Deep Learning Specialization (Convolutional Neural Networks): convolution and pooling from scratch, ResNets, detection, segmentation, faces, style transfer.
 *
 * @packageDocumentation
 */
export { zeroPad } from './conv/zero-pad.js';
