// The content formats decode and encode take, for their help.
export const formatsText =
  'by number or name: `0`/`text`, `42`/`opaque`, `60`/`cbor`, `11542`/`tlv`, `11543`/`lwm2m-json`, `110`/`senml-json`, `112`/`senml-cbor`, `11544`/`lwm2m-cbor`, `40`/`link-format`';
