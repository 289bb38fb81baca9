-- The envelope as the gateway signed and delivers it (outbound), kept beside the bytes as
-- received: delivery retries and the pull inbox send exactly these bytes, and they are evidence.
alter table swg_message add column signed_bytes bytea;
