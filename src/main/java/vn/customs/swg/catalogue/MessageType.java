package vn.customs.swg.catalogue;

import java.util.Set;
import vn.customs.swg.config.GatewayProperties.Direction;
import vn.customs.swg.partner.PartyKind;

/**
 * One entry of the message-type catalogue: how a type is validated and where it goes.
 *
 * @param name the {@code Subject/messageType} value
 * @param direction inbound (to a back-end queue) or outbound (to a partner)
 * @param schema classpath resource of the body schema
 * @param example classpath resource of an example envelope, may be null
 * @param queue back-end queue for inbound types, null for outbound ones
 * @param senderKinds partner kinds that may send it
 */
public record MessageType(
    String name, Direction direction, String schema, String example, String queue, Set<PartyKind> senderKinds) {

  public boolean inbound() {
    return direction == Direction.INBOUND;
  }
}
