-- Evidence of the revocation answer each accepted message was accepted on (one row per accepted
-- inbound message): the OCSP response itself, or the CRL's number and times, and whether the
-- partner's soft-fail policy let it through without an answer. Same SQL on H2 and PostgreSQL.

create table swg_revocation_evidence (
    message_pk          bigint        not null primary key,
    certificate         varchar(128)  not null,
    status              varchar(16)   not null,
    source              varchar(8),
    this_update         timestamp with time zone,
    next_update         timestamp with time zone,
    crl_number          varchar(64),
    soft_fail           boolean       not null,
    detail              varchar(1000),
    ocsp_response       bytea,
    constraint swg_revocation_evidence_message_fk foreign key (message_pk) references swg_message (id),
    constraint swg_revocation_evidence_status_ck check (status in ('GOOD', 'UNAVAILABLE'))
);
