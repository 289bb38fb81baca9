package vn.customs.swg.signature;

import java.util.Map;
import org.apache.xml.security.signature.XMLSignatureInput;
import org.apache.xml.security.signature.XMLSignatureNodeInput;
import org.apache.xml.security.utils.resolver.ResourceResolverContext;
import org.apache.xml.security.utils.resolver.ResourceResolverException;
import org.apache.xml.security.utils.resolver.ResourceResolverSpi;
import org.w3c.dom.Element;

/**
 * The only URI resolver a gateway signature is processed with: it maps each reference URI to the
 * element decided beforehand and refuses every other URI. Registered per signature, it is asked
 * before Santuario's global resolvers and claims every URI, so no document search, file, HTTP or
 * XPointer resolution can happen, and a reference can only ever digest the pinned node. Like
 * Santuario's own fragment resolver it yields the element's subtree without comments, as XMLDSig
 * defines for {@code #id} (https://www.w3.org/TR/xmldsig-core1/#sec-Same-Document).
 */
final class PinnedReferenceResolver extends ResourceResolverSpi {

  private final Map<String, Element> targets;

  PinnedReferenceResolver(Map<String, Element> targets) {
    this.targets = Map.copyOf(targets);
  }

  @Override
  public boolean engineCanResolveURI(ResourceResolverContext context) {
    return true;
  }

  @Override
  public XMLSignatureInput engineResolveURI(ResourceResolverContext context) throws ResourceResolverException {
    Element target = context.uriToResolve == null ? null : targets.get(context.uriToResolve);
    if (target == null) {
      throw new ResourceResolverException("reference URI not allowed: " + context.uriToResolve,
          context.uriToResolve, context.baseUri);
    }
    XMLSignatureInput input = new XMLSignatureNodeInput(target);
    input.setSecureValidation(context.secureValidation);
    input.setExcludeComments(true);
    input.setMIMEType("text/xml");
    input.setSourceURI(context.uriToResolve);
    return input;
  }
}
