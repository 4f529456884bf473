package org.fangxin.complaint;

/** An evidence file with its bytes, for the case's parties and handlers only. */
public record EvidenceFile(EvidenceView view, byte[] content) { }
