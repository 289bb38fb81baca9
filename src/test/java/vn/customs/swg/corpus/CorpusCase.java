package vn.customs.swg.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import vn.customs.swg.testsupport.GatewayClient;

/**
 * One hostile submission of the corpus (src/test/resources/corpus, see its README.md): the file
 * under its attack class, the answer the contract demands (an ENVELOPE.md section 6 code, or the
 * receipt status {@code ACCEPTED} / {@code DUPLICATE} for the few set-up cases a replay needs) and
 * its HTTP status, and why the input is hostile.
 */
public record CorpusCase(String file, String expected, int status, String description) {

  public static final Path ROOT = Path.of("src/test/resources/corpus");
  public static final Path MANIFEST = ROOT.resolve("manifest.tsv");

  /** The attack class: the folder the case lives in. */
  public String attackClass() {
    return file.substring(0, file.indexOf('/'));
  }

  /** True for a receipt status rather than an error code. */
  public boolean accepted() {
    return expected.equals("ACCEPTED") || expected.equals("DUPLICATE");
  }

  /**
   * How an answer differs from the one the manifest demands (HTTP status, then the receipt status
   * {@code ACCEPTED} or {@code DUPLICATE} without codes, or {@code REJECTED} with exactly the
   * expected code), or empty when it is that answer. The receipt's signature is not checked here.
   */
  public Optional<String> mismatch(GatewayClient.Answer answer) {
    String expectedStatus = accepted() ? expected : "REJECTED";
    List<String> expectedCodes = accepted() ? List.of() : List.of(expected);
    if (answer.status() == status && expectedStatus.equals(answer.receiptStatus())
        && expectedCodes.equals(answer.errorCodes())) {
      return Optional.empty();
    }
    return Optional.of("%s: expected %d %s %s, got %d %s %s".formatted(file, status, expectedStatus, expectedCodes,
        answer.status(), answer.receiptStatus(), answer.errorCodes()));
  }

  /** The same case expecting another answer (a set-up case repeated: ACCEPTED becomes DUPLICATE). */
  public CorpusCase expecting(String answer, int httpStatus) {
    return new CorpusCase(file, answer, httpStatus, description);
  }

  public byte[] bytes() {
    try {
      return Files.readAllBytes(ROOT.resolve(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The manifest line: file, expected, status and description, tab-separated. */
  String line() {
    return String.join("\t", file, expected, Integer.toString(status), description);
  }

  /** Every case of the manifest, in its order (the order a run submits them in). */
  public static List<CorpusCase> all() {
    try {
      return Files.readAllLines(MANIFEST).stream()
          .filter(line -> !line.isBlank() && !line.startsWith("#"))
          .map(line -> {
            String[] fields = line.split("\t", 4);
            return new CorpusCase(fields[0], fields[1], Integer.parseInt(fields[2]), fields[3]);
          })
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return file + " -> " + expected + " " + status;
  }
}
