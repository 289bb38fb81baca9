/**
 * Admission: the first step of the inbound flow. It turns partner bytes into a DOM only under a
 * byte cap, a depth and attribute limit, UTF-8 only and with no DTD, entity or XInclude
 * ({@link vn.customs.swg.admission.HardenedXmlParser}); checks the envelope's root, version,
 * gateway-only elements, schema and clock skew
 * ({@link vn.customs.swg.admission.EnvelopeAdmission}); and validates bodies against compiled,
 * cached schemas that can load nothing from outside the classpath schema folder
 * ({@link vn.customs.swg.admission.SchemaRegistry}).
 *
 * <p>What callers must still check, because admission cannot: who sent the message (the
 * sender signature and its certificate), that the signature covers exactly this Header and Body
 * (duplicate {@code Id}s inside the skipped body content are not seen by the envelope schema),
 * whether the sender may send this type, whether the messageId was seen before, and the body
 * schema of the message type ({@code validateBody}). {@code sentAt} is the sender's claim and is
 * only bounded here, not trusted.
 */
package vn.customs.swg.admission;
