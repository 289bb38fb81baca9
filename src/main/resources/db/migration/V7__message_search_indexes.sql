-- Indexes for the operators' message search (vn.customs.swg.store.search.MessageSearch). Plain
-- CREATE INDEX, the same on H2 and PostgreSQL. partner_id is already served by
-- swg_message_partner_message_idx (V1), whose leading column it is.

-- Every list is newest first and most searches are bounded in time; statistics and the CSV
-- export read day by day and in (received_at, id) order.
create index swg_message_received_idx on swg_message (received_at, id);
-- "What happened to this message?": an operator often has only the messageId, a document
-- reference or a conversation id from a phone call or a back-end log.
create index swg_message_message_id_idx on swg_message (message_id);
create index swg_message_document_idx on swg_message (document_reference);
create index swg_message_conversation_idx on swg_message (conversation_id);
-- Rejected and failed messages over a time range: the daily problem list and rejection reasons.
create index swg_message_state_received_idx on swg_message (state, received_at);
