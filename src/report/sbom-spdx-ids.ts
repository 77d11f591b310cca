/** SPDX identifiers (SPDXID, LicenseRef) built from free text, kept unique within a document. */
import { isSpdxExpression } from './sbom-common.js';

/** Maximum length of the part of an identifier taken from free text. */
const ID_TEXT_LIMIT = 80;

/**
 * Replace every character outside the SPDX idstring set (letters, digits,
 * `.` and `-`) with `-`.
 */
function sanitise(text: string): string {
  let result = '';
  for (const char of text.slice(0, ID_TEXT_LIMIT)) {
    result += /^[A-Za-z0-9.-]$/.test(char) ? char : '-';
  }
  return result === '' ? 'unnamed' : result;
}

/** Allocator of identifiers of the form `<prefix>-<text>`, adding `-2`, `-3` when one is taken. */
export class SpdxIdAllocator {
  private readonly used = new Set<string>();

  allocate(prefix: string, text: string): string {
    const base = `${prefix}-${sanitise(text)}`;
    let id = base;
    for (let copy = 2; this.used.has(id); copy++) id = `${base}-${copy}`;
    this.used.add(id);
    return id;
  }
}

export interface ExtractedLicense {
  licenseId: string;
  name: string;
  extractedText: string;
}

/**
 * Declared licences for SPDX: valid expressions as they are, and every other
 * text as a `LicenseRef-` with the text kept in `hasExtractedLicensingInfos`.
 */
export class DeclaredLicenses {
  private readonly ids = new SpdxIdAllocator();
  private readonly byText = new Map<string, ExtractedLicense>();

  declare(license: string | undefined): string {
    if (license === undefined || license.trim() === '') return 'NOASSERTION';
    // NOTE: an expression that already names a LicenseRef- passes as it is,
    // without a hasExtractedLicensingInfos entry for that reference.
    if (isSpdxExpression(license)) return license;
    let extracted = this.byText.get(license);
    if (!extracted) {
      extracted = { licenseId: this.ids.allocate('LicenseRef', license), name: license, extractedText: license };
      this.byText.set(license, extracted);
    }
    return extracted.licenseId;
  }

  /** List the licences that needed a LicenseRef, in order of first use. */
  extracted(): ExtractedLicense[] {
    return [...this.byText.values()];
  }
}
