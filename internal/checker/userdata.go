package checker

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"io"
	"mime"
	"mime/multipart"
	"net/mail"
	"strings"
)

// maxUserData bounds decoded user data (EC2 allows 16 KiB before base64;
// gzip may expand it).
const maxUserData = 1 << 20

// decodeUserData turns launch template user data into plain text. The EC2
// API returns it base64 encoded; it may be gzip compressed and may be a MIME
// multi-part document (the format EKS requires for managed node groups), in
// which case the text of all parts is concatenated. Data that is not valid
// base64 is used as is.
func decodeUserData(encoded string) string {
	encoded = strings.TrimSpace(encoded)
	if encoded == "" {
		return ""
	}
	raw, err := base64.StdEncoding.DecodeString(encoded)
	if err != nil {
		raw = []byte(encoded)
	}
	raw = gunzipIfCompressed(raw)
	return flattenMIME(raw, 0)
}

// gunzipIfCompressed returns the decompressed data when b is gzip, else b.
func gunzipIfCompressed(b []byte) []byte {
	if len(b) < 2 || b[0] != 0x1f || b[1] != 0x8b {
		return b
	}
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return b
	}
	defer zr.Close()
	out, err := io.ReadAll(io.LimitReader(zr, maxUserData))
	if err != nil {
		return b
	}
	return out
}

// flattenMIME returns the text of a MIME multi-part document, or b itself
// when it is not one.
func flattenMIME(b []byte, depth int) string {
	if depth > 5 || !looksLikeMIME(b) {
		return string(b)
	}
	msg, err := mail.ReadMessage(bytes.NewReader(b))
	if err != nil {
		return string(b)
	}
	mediaType, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil || !strings.HasPrefix(mediaType, "multipart/") || params["boundary"] == "" {
		return string(b)
	}
	var parts []string
	mr := multipart.NewReader(msg.Body, params["boundary"])
	for {
		part, err := mr.NextPart()
		if err != nil {
			break // io.EOF or a malformed tail: keep what was read
		}
		body, err := io.ReadAll(io.LimitReader(part, maxUserData))
		if err != nil {
			break
		}
		if strings.EqualFold(part.Header.Get("Content-Transfer-Encoding"), "base64") {
			if dec, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(string(body)), "")); err == nil {
				body = dec
			}
		}
		ct := part.Header.Get("Content-Type")
		if strings.HasPrefix(strings.ToLower(ct), "multipart/") {
			// Nested multipart: re-attach the part's Content-Type header.
			body = append([]byte("MIME-Version: 1.0\r\nContent-Type: "+ct+"\r\n\r\n"), body...)
		}
		parts = append(parts, flattenMIME(gunzipIfCompressed(body), depth+1))
	}
	if len(parts) == 0 {
		return string(b)
	}
	return strings.Join(parts, "\n")
}

// looksLikeMIME reports whether b starts with MIME headers.
func looksLikeMIME(b []byte) bool {
	head := strings.ToLower(string(b[:min(len(b), 512)]))
	return strings.HasPrefix(head, "mime-version:") || strings.HasPrefix(head, "content-type:")
}
