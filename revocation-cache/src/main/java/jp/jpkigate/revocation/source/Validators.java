package jp.jpkigate.revocation.source;

/**
 * The HTTP validators of the last CRL ingested from a URL (RFC 9110 section 8.8), sent back as
 * If-None-Match / If-Modified-Since (section 13.1) so an unchanged CRL costs a 304 and no parse.
 *
 * @param etag         the ETag, or null
 * @param lastModified the Last-Modified value as received, or null
 */
public record Validators(String etag, String lastModified) {
    public static final Validators NONE = new Validators(null, null);
}
