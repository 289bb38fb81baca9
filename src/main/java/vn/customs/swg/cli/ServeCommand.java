package vn.customs.swg.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import vn.customs.swg.admission.HardenedXmlParser;
import vn.customs.swg.partner.PartyKind;

/**
 * {@code serve}: a partner's receiving endpoint for local testing of HTTP push delivery, on
 * 127.0.0.1 only. Each POST to {@code --path} is handled by {@link PushReceiver} (verify the
 * gateway's SystemSignature, save, answer with a receipt signed by the partner's key) and printed
 * as one line. HTTP status: 200 with the receipt for every final verdict, ACCEPTED, DUPLICATE or
 * REJECTED alike (the verdict is the receipt's); 503 with the receipt and Retry-After when the
 * rejection is retryable (the message could not be saved); 413, 415, 404 and 405 without a body
 * when there is nothing to answer. It runs until Ctrl-C or until {@code --max-messages} POSTs were
 * answered, one at a time.
 */
@Command(name = "serve", sortOptions = false,
    description = "Receive envelopes the gateway pushes (a partner endpoint on 127.0.0.1): verify the"
        + " gateway's signature, save them, answer each with a receipt signed by the partner's key.")
final class ServeCommand implements Callable<Integer> {

  private static final Pattern IDENTITY = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

  @ParentCommand
  PartnerCli cli;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Option(names = "--port", paramLabel = "<port>", defaultValue = "9081",
      description = "Port on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(names = "--path", paramLabel = "<path>", defaultValue = "/swg/messages",
      description = "Path the gateway POSTs to (default: ${DEFAULT-VALUE}).")
  String path;

  @ArgGroup(exclusive = true, multiplicity = "1")
  SigningOptions.KeySource keySource;

  @Option(names = "--verify-with", required = true, paramLabel = "<ca.pem>",
      description = "CA certificate(s) the gateway's SystemSignature must chain to; repeat for more.")
  List<Path> verifyWith;

  @Option(names = "--out", paramLabel = "<dir>", defaultValue = ".",
      description = "Folder the accepted envelopes are saved in as <messageId>.xml (default: the current folder).")
  Path out;

  @Option(names = "--identity", paramLabel = "<identity>",
      description = "The partner's identity (From of the receipts, To of what it accepts);"
          + " default: the OU of the signing certificate's subject.")
  String identity;

  @Option(names = "--party-type", paramLabel = "<type>", defaultValue = "BANK",
      description = "The partner's partyType: MINISTRY, BANK or ASW_PARTNER (default: ${DEFAULT-VALUE}).")
  PartyKind partyType;

  @Option(names = "--max-messages", paramLabel = "<n>",
      description = "Stop after answering this many POSTs (default: run until Ctrl-C).")
  Integer maxMessages;

  private final HardenedXmlParser parser = HardenedXmlParser.withDefaults();

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (partyType == PartyKind.CUSTOMS || partyType == PartyKind.GATEWAY) {
      throw new IllegalArgumentException("--party-type " + partyType + " is the gateway's side, not a partner's");
    }
    if (maxMessages != null && maxMessages < 1) {
      throw new IllegalArgumentException("--max-messages must be at least 1");
    }
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("--path must start with /");
    }
    KeyMaterial key = keySource.load();
    String partner = identity != null ? identity : identityOf(key.keyInfoChain().get(0).getSubjectX500Principal());
    if (!IDENTITY.matcher(partner).matches()) {
      throw new IllegalArgumentException("--identity must be 1-64 characters of A-Z a-z 0-9 . _ -");
    }
    EnvelopeChecker checker = new EnvelopeChecker(EnvelopeChecker.trusting(verifyWith, "--verify-with"), cli.clock);
    PushReceiver receiver = new PushReceiver(checker,
        new PartnerReceiptFactory(partyType, partner, key, cli.clock), partner, out, cli.clock);

    CountDownLatch done = new CountDownLatch(1);
    AtomicInteger answered = new AtomicInteger();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 0);
    ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
      Thread thread = new Thread(runnable, "swg-serve");
      thread.setDaemon(true);
      return thread;
    });
    server.setExecutor(worker);
    server.createContext("/", exchange -> {
      boolean counts;
      try {
        counts = handle(exchange, receiver);
      } finally {
        exchange.close();
      }
      // Counted once the answer is out, so --max-messages never cuts a receipt short.
      if (counts && answered.incrementAndGet() >= (maxMessages == null ? Integer.MAX_VALUE : maxMessages)) {
        done.countDown();
      }
    });
    Thread onCtrlC = new Thread(done::countDown, "swg-serve-stop");
    Runtime.getRuntime().addShutdownHook(onCtrlC);
    server.start();
    cli.out.printf("listening on http://127.0.0.1:%d%s as %s %s; saving to %s; Ctrl-C to stop%n",
        server.getAddress().getPort(), path, partyType, partner, out);
    try {
      done.await();
    } finally {
      server.stop(1);
      worker.shutdown();
      try {
        Runtime.getRuntime().removeShutdownHook(onCtrlC);
      } catch (IllegalStateException e) {
        // the JVM is already shutting down (Ctrl-C): nothing to remove
      }
    }
    cli.out.printf("stopped after %d message(s)%n", answered.get());
    return PartnerCli.OK;
  }

  /** Answers one request; true when it was a POST to the path (it counts towards --max-messages). */
  private boolean handle(HttpExchange exchange, PushReceiver receiver) throws IOException {
    if (!path.equals(exchange.getRequestURI().getPath())) {
      exchange.sendResponseHeaders(404, -1);
      return false;
    }
    if (!"POST".equals(exchange.getRequestMethod())) {
      exchange.getResponseHeaders().add("Allow", "POST");
      exchange.sendResponseHeaders(405, -1);
      return false;
    }
    String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
    if (contentType != null && !isXml(contentType)) {
      print("-", "REFUSED", "-", "-", "HTTP 415: Content-Type " + contentType);
      exchange.sendResponseHeaders(415, -1);
      return true;
    }
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readNBytes(parser.maxBytes() + 1);
    }
    if (body.length > parser.maxBytes()) {
      print("-", "REFUSED", "-", "-", "HTTP 413: over " + parser.maxBytes() + " bytes");
      exchange.sendResponseHeaders(413, -1);
      return true;
    }
    PushReceiver.Result result;
    try {
      result = receiver.receive(body);
    } catch (RuntimeException e) {
      cli.err.println("error: cannot answer a pushed message: " + e);
      exchange.sendResponseHeaders(500, -1);
      return true;
    }
    String detail = result.saved() != null ? "saved " + result.saved()
        : result.errors().isEmpty() ? "already saved" : describe(result);
    print(OffsetDateTime.now(cli.clock).withOffsetSameInstant(FreshReference.VIETNAM)
            .truncatedTo(ChronoUnit.SECONDS).format(TIME),
        result.status(), result.messageId(), result.messageType(), detail);
    exchange.getResponseHeaders().add("Content-Type", "application/xml; charset=UTF-8");
    if (result.retryable()) {
      exchange.getResponseHeaders().add("Retry-After", "30");
    }
    exchange.sendResponseHeaders(result.retryable() ? 503 : 200, result.receipt().length);
    try (OutputStream response = exchange.getResponseBody()) {
      response.write(result.receipt());
    }
    return true;
  }

  private void print(String time, String status, String messageId, String messageType, String detail) {
    cli.out.printf("%s  %-9s %-40s %-26s %s%n", time, status, ReceiptSummary.printable(messageId),
        ReceiptSummary.printable(messageType), ReceiptSummary.printable(detail));
  }

  /** The rejection's code, then why (checks' reasons often start with the code already). */
  private static String describe(PushReceiver.Result result) {
    String code = result.errors().get(0).code();
    return result.reason().startsWith(code) ? result.reason() : code + " " + result.reason();
  }

  private static boolean isXml(String contentType) {
    String type = contentType.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
    return type.equals("application/xml") || type.equals("text/xml");
  }

  /** The identity code in the certificate's subject OU, as in the dev PKI (certs/dev/README.md). */
  static String identityOf(X500Principal subject) {
    try {
      List<String> units = new LdapName(subject.getName(X500Principal.RFC2253)).getRdns().stream()
          .filter(rdn -> rdn.getType().equalsIgnoreCase("OU")).map(Rdn::getValue).map(String::valueOf).toList();
      if (units.size() == 1) {
        return units.get(0);
      }
    } catch (InvalidNameException e) {
      // fall through to the sentence below
    }
    throw new IllegalArgumentException("cannot read the partner identity from the certificate subject "
        + subject.getName() + " (one OU expected); give --identity");
  }
}
