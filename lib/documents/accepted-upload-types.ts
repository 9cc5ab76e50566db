import { DOCUMENT_TYPES, type TDocumentType } from './detect-document-type';

const ALWAYS: readonly TDocumentType[] = ['pdf', 'jpeg', 'png', 'text'];
const OFFICE: readonly TDocumentType[] = ['docx', 'xlsx', 'pptx', 'odt', 'ods', 'odp'];

export type TAcceptedUploadTypes = {
  /** The file input's `accept`: extensions and MIME types. */
  accept: string;
  /** The same, in words for the customer. */
  description: string;
};

/** What the file picker offers: Office types only while a worker converts them (officeAvailability). */
export function acceptedUploadTypes(isOfficeAvailable: boolean): TAcceptedUploadTypes {
  const types = isOfficeAvailable ? [...ALWAYS, ...OFFICE] : ALWAYS;
  // Plain text is offered as .txt only: .csv and .md upload fine but are not what people pick to print.
  const extensions = types.flatMap((type) => (type === 'text' ? ['txt'] : DOCUMENT_TYPES[type].extensions)).map((extension) => `.${extension}`);
  const mimes = types.map((type) => DOCUMENT_TYPES[type].mime);
  return {
    accept: [...extensions, ...mimes].join(','),
    description: isOfficeAvailable ? 'PDF, Word, Excel, PowerPoint, OpenDocument, JPEG, PNG or plain text' : 'PDF, JPEG, PNG or plain text',
  };
}
