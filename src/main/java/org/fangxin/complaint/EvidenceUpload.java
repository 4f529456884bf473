package org.fangxin.complaint;

/** A file someone uploads as evidence: its name as they gave it and its bytes. */
public record EvidenceUpload(String fileName, byte[] content) { }
