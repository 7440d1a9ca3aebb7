package cn.xinfang.flow.petition;

import java.time.Instant;

/** One row of the petition ledger (台账), as stored: the petitioner's identity unmasked. */
public record Petition(
    String caseNumber,
    String processInstanceId,
    String channel,
    String category,
    String subject,
    String content,
    boolean realName,
    int headcount,
    String sourceLevel,
    String petitionerName,
    String petitionerPhone,
    String petitionerIdNumber,
    String petitionerAddress,
    String relatedCaseNumber,
    String linkedCaseNumber,
    String caseOwner,
    PetitionStatus status,
    boolean confidential,
    boolean majorCase,
    int repeatVisits,
    String acceptanceDecision,
    String handlingUnit,
    String outcome,
    Instant registeredAt,
    Instant acceptedAt,
    Instant repliedAt,
    Instant closedAt) {}
