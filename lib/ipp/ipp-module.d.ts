/**
 * The parts of `ipp@2.0.1` (untyped CommonJS) that lib/ipp uses: its message
 * serializer, its response parser and its enum tables.
 */
declare module 'ipp' {
  type TIppEnumTable = Record<string, number> & { lookup: (string | undefined)[] };

  const ipp: {
    serialize(message: Record<string, unknown>): Buffer;
    parse(buffer: Buffer): Record<string, unknown>;
    enums: Record<string, TIppEnumTable>;
    statusCodes: TIppEnumTable;
  };

  export default ipp;
}
