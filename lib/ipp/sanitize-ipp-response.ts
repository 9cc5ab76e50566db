/**
 * Rewrites an IPP response (RFC 8010 encoding) into the subset the `ipp` package
 * parses cleanly:
 * - values with tags the package does not decode are removed: the out-of-band
 *   values (unsupported, unknown, no-value, not-settable, ... 0x10-0x1F) and any
 *   unregistered or extension (0x7F) tag. The package would print "The spec is not
 *   clear on how to handle tag 18/19" to the console for each of them; for a client
 *   an out-of-band value means "no value", which is what removing it gives;
 * - a repeated attribute in the same group keeps its first occurrence, as libcups'
 *   ippFindAttribute does (the package would keep the last). ippeveprinter started with
 *   `-a file.conf` repeats document-format-supported and printer-geo-location, and
 *   validates jobs against the first;
 * - groups with unassigned delimiter tags (0x0A-0x0F) are dropped.
 * Throws when the bytes are not a well-formed IPP message.
 */
export function sanitizeIppResponse(buffer: Buffer): Buffer {
  const reader = new IppReader(buffer);
  const message = reader.readMessage();
  return writeMessage(cleanMessage(message));
}

const KNOWN_VALUE_TAGS = new Set([0x21, 0x22, 0x23, 0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x41, 0x42, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49]);
const KNOWN_GROUP_TAGS = new Set([0x01, 0x02, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09]);
const END_OF_ATTRIBUTES = 0x03;
const BEGIN_COLLECTION = 0x34;
const END_COLLECTION = 0x37;
const MEMBER_ATTR_NAME = 0x4a;

type TValue = { tag: number; value: Buffer; members?: TMember[] };
type TMember = { name: Buffer; values: TValue[] };
type TAttribute = { name: Buffer; values: TValue[] };
type TGroup = { tag: number; attributes: TAttribute[] };
type TMessage = { header: Buffer; groups: TGroup[]; data: Buffer };
type TTlv = { tag: number; name: Buffer; value: Buffer };

class IppReader {
  private position = 8;

  constructor(private readonly buffer: Buffer) {}

  readMessage(): TMessage {
    if (this.buffer.length < 9) throw new Error('IPP message too short');
    const header = this.buffer.subarray(0, 8);
    const groups: TGroup[] = [];
    for (;;) {
      const tag = this.peekTag();
      if (tag === END_OF_ATTRIBUTES) {
        this.position += 1;
        break;
      }
      if (tag < 0x10) {
        this.position += 1;
        groups.push({ tag, attributes: [] });
        continue;
      }
      const group = groups.at(-1);
      if (!group) throw new Error('IPP attribute outside a group');
      group.attributes.push(this.readAttribute());
    }
    return { header, groups, data: this.buffer.subarray(this.position) };
  }

  private peekTag(): number {
    if (this.position >= this.buffer.length) throw new Error('IPP message truncated');
    return this.buffer[this.position];
  }

  private peekNameLength(): number {
    if (this.position + 3 > this.buffer.length) throw new Error('IPP message truncated');
    return this.buffer.readUInt16BE(this.position + 1);
  }

  private readTlv(): TTlv {
    const tag = this.peekTag();
    const nameLength = this.peekNameLength();
    const nameStart = this.position + 3;
    const valueLengthAt = nameStart + nameLength;
    if (valueLengthAt + 2 > this.buffer.length) throw new Error('IPP message truncated');
    const valueLength = this.buffer.readUInt16BE(valueLengthAt);
    const valueStart = valueLengthAt + 2;
    if (valueStart + valueLength > this.buffer.length) throw new Error('IPP message truncated');
    this.position = valueStart + valueLength;
    return {
      tag,
      name: this.buffer.subarray(nameStart, valueLengthAt),
      value: this.buffer.subarray(valueStart, valueStart + valueLength),
    };
  }

  private readAttribute(): TAttribute {
    const first = this.readTlv();
    if (first.name.length === 0) throw new Error('IPP attribute without a name');
    const values = [this.readValue(first)];
    while (this.isAdditionalValue()) values.push(this.readValue(this.readTlv()));
    return { name: first.name, values };
  }

  private isAdditionalValue(): boolean {
    const tag = this.peekTag();
    return tag >= 0x10 && tag !== MEMBER_ATTR_NAME && tag !== END_COLLECTION && this.peekNameLength() === 0;
  }

  private readValue(tlv: TTlv): TValue {
    if (tlv.tag === END_COLLECTION || tlv.tag === MEMBER_ATTR_NAME || tlv.tag < 0x10) {
      throw new Error('IPP collection out of place');
    }
    if (tlv.tag !== BEGIN_COLLECTION) return { tag: tlv.tag, value: tlv.value };
    return { tag: tlv.tag, value: tlv.value, members: this.readMembers() };
  }

  private readMembers(): TMember[] {
    const members: TMember[] = [];
    for (;;) {
      const tag = this.peekTag();
      if (tag === END_COLLECTION) {
        this.readTlv();
        return members;
      }
      if (tag !== MEMBER_ATTR_NAME) throw new Error('IPP collection member without a name');
      const name = this.readTlv().value;
      const values = [this.readValue(this.readTlv())];
      while (this.isAdditionalValue()) values.push(this.readValue(this.readTlv()));
      members.push({ name, values });
    }
  }
}

function cleanValues(values: TValue[]): TValue[] {
  return values.filter((value) => KNOWN_VALUE_TAGS.has(value.tag)).map((value) => (value.members ? { ...value, members: cleanMembers(value.members) } : value));
}

function cleanMembers(members: TMember[]): TMember[] {
  return members.map((member) => ({ name: member.name, values: cleanValues(member.values) })).filter((member) => member.values.length > 0);
}

function cleanMessage(message: TMessage): TMessage {
  const groups = message.groups
    .filter((group) => KNOWN_GROUP_TAGS.has(group.tag))
    .map((group) => {
      const seen = new Set<string>();
      const attributes: TAttribute[] = [];
      for (const attribute of group.attributes) {
        const key = attribute.name.toString('latin1');
        const values = cleanValues(attribute.values);
        if (seen.has(key) || values.length === 0) continue;
        seen.add(key);
        attributes.push({ name: attribute.name, values });
      }
      return { tag: group.tag, attributes };
    });
  return { ...message, groups };
}

function u16(value: number): Buffer {
  const buffer = Buffer.alloc(2);
  buffer.writeUInt16BE(value);
  return buffer;
}

function writeValue(chunks: Buffer[], value: TValue, name: Buffer): void {
  chunks.push(Buffer.from([value.tag]), u16(name.length), name, u16(value.value.length), value.value);
  if (!value.members) return;
  for (const member of value.members) {
    chunks.push(Buffer.from([MEMBER_ATTR_NAME]), u16(0), u16(member.name.length), member.name);
    for (const memberValue of member.values) writeValue(chunks, memberValue, Buffer.alloc(0));
  }
  chunks.push(Buffer.from([END_COLLECTION]), u16(0), u16(0));
}

function writeMessage(message: TMessage): Buffer {
  const chunks: Buffer[] = [message.header];
  for (const group of message.groups) {
    chunks.push(Buffer.from([group.tag]));
    for (const attribute of group.attributes) {
      attribute.values.forEach((value, index) => writeValue(chunks, value, index === 0 ? attribute.name : Buffer.alloc(0)));
    }
  }
  chunks.push(Buffer.from([END_OF_ATTRIBUTES]), message.data);
  return Buffer.concat(chunks);
}
