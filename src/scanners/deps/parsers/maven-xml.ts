/**
 * Safe XML reading for pom.xml files. POMs never need a DTD, so any
 * DOCTYPE or ENTITY declaration is rejected before parsing, and entity
 * processing in fast-xml-parser is off. The five predefined entities and
 * character references are decoded here instead, in one bounded pass.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** An element parsed into an object: child elements by name, with `#text` for mixed content. */
export type XmlElement = { [name: string]: XmlValue };
export type XmlValue = string | XmlElement | XmlValue[];

/** A document that is not well-formed XML or declares a DTD. The caller wraps it in a `LockfileError`. */
export class PomXmlError extends Error {}

/** Elements that may repeat and are always read as arrays. */
const REPEATED = new Set(['dependency', 'module', 'profile', 'exclusion']);

/** Maximum element nesting. fast-xml-parser stops with an error beyond it instead of recursing further. */
const MAX_NESTING = 100;

const METADATA = XMLParser.getMetaDataSymbol() as unknown as symbol;

const parser = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  parseTagValue: false,
  processEntities: false,
  htmlEntities: false,
  trimValues: true,
  captureMetaData: true,
  maxNestedTags: MAX_NESTING,
  isArray: (tagName) => REPEATED.has(tagName),
});

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decodes the predefined XML entities and numeric character references. Other `&name;` text stays as written. */
export function decodeXmlText(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-z]{2,4});/g, (whole, body: string) => {
    if (body.startsWith('#')) {
      const code = body[1] === 'x' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return PREDEFINED[body] ?? whole;
  });
}

/** Parses POM text into an element tree. Throws `PomXmlError` for malformed XML or a DTD. */
export function parsePomXml(text: string): XmlElement {
  if (text.includes('<!DOCTYPE') || text.includes('<!ENTITY')) {
    throw new PomXmlError('DOCTYPE and ENTITY declarations are not allowed in a POM');
  }
  const validation = XMLValidator.validate(text);
  if (validation !== true) {
    throw new PomXmlError(`invalid XML at line ${validation.err.line}: ${validation.err.msg}`);
  }
  try {
    return parser.parse(text) as XmlElement;
  } catch (error) {
    throw new PomXmlError(`invalid XML: ${(error as Error).message}`, { cause: error });
  }
}

/** Offset of an element's start tag in the source text, for elements that have child elements. */
export function elementOffset(element: XmlValue | undefined): number | undefined {
  if (typeof element !== 'object' || element === null || Array.isArray(element)) return undefined;
  const metadata = (element as unknown as Record<symbol, { startIndex?: number } | undefined>)[METADATA];
  return metadata?.startIndex;
}
