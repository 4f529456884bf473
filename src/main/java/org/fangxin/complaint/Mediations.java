package org.fangxin.complaint;

import java.util.UUID;
import org.fangxin.complaint.domain.CaseProgress;
import org.fangxin.complaint.domain.Party;
import org.fangxin.complaint.persistence.CaseRow;
import org.fangxin.complaint.workflow.Note;
import org.fangxin.complaint.workflow.CaseAccess;
import org.fangxin.complaint.workflow.CaseDesk;
import org.fangxin.identity.Actor;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The handlers' steps: the consumer association or the regulator accepts or declines a case sent to it (within the
 * acceptance deadline; silence counts as accepted) and may end its mediation without agreement; the platform sends a
 * case on with {@link Complaints#escalate}. Agreements are proposed through {@link Agreements}. Only the stage's
 * handler may act: anybody else is refused (409 complaint-action-out-of-stage), another tenant's case is "not found".
 */
@Service
@Transactional
public class Mediations {

    private final CaseDesk desk;
    private final CaseAccess access;

    Mediations(CaseDesk desk, CaseAccess access) {
        this.desk = desk;
        this.access = access;
    }

    /** The association or regulator accepts the case: its mediation starts (45 working days by default). */
    public ComplaintView accept(Actor actor, UUID complaintId, String note) {
        CaseRow row = desk.lock(complaintId);
        Party party = access.act(actor, row);
        CaseProgress after = row.progress().accept(party, desk.today(), desk.schedule(row.regionCode()));
        return desk.view(desk.apply(row, after, party, actor.username(), "accepted", Note.typed(note)));
    }

    /** The association or regulator declines the case (with the reason): it closes NOT_ACCEPTED. */
    public ComplaintView decline(Actor actor, UUID complaintId, String reason) {
        CaseRow row = desk.lock(complaintId);
        Party party = access.act(actor, row);
        String why = Complaints.requireText(reason, "reason");
        return desk.view(desk.apply(row, row.progress().decline(party, desk.today()), party, actor.username(),
                "declined", Note.typed(why)));
    }

    /**
     * The mediating association or regulator ends the mediation without agreement (with the reason): the case closes
     * MEDIATION_FAILED, the parties are told, and a covering policy's insurer is claimed from.
     */
    public ComplaintView end(Actor actor, UUID complaintId, String reason) {
        CaseRow row = desk.lock(complaintId);
        Party party = access.act(actor, row);
        String why = Complaints.requireText(reason, "reason");
        return desk.view(desk.apply(row, row.progress().fail(party, desk.today()), party, actor.username(),
                "mediation-ended", Note.typed(why)));
    }
}
