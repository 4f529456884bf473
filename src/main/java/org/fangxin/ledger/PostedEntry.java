package org.fangxin.ledger;

/** An entry with the posting key of its transfer, for readers that match entries to outside records (bank lines). */
public record PostedEntry(EntryView entry, String postingKey) {
}
