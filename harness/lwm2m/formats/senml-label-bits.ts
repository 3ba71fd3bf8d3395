// One bit per SenML label the fast decoders know (RFC 8428 §4.1, LwM2M's vlo), for both
// encodings: a record's labels seen so far are a mask, so a repeated one is found at once.

export const BN = 1;
export const BT = 2;
export const N = 4;
export const T = 8;
export const V = 16;
export const VS = 32;
export const VB = 64;
export const VD = 128;
export const VLO = 256;
