package org.fangxin.risk.web;

import java.util.List;
import java.util.UUID;
import org.fangxin.identity.Actor;
import org.fangxin.risk.ConsequenceView;
import org.fangxin.risk.FloorView;
import org.fangxin.risk.RiskTables;
import org.fangxin.risk.RiskTier;
import org.fangxin.risk.WeightView;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The risk tables over HTTP: factor weights per sector, the consequence table, ratio floors. */
@RestController
class RiskTablesApiController {

    private final RiskTables tables;

    RiskTablesApiController(RiskTables tables) {
        this.tables = tables;
    }

    @GetMapping("/api/v1/risk/weights")
    List<WeightView> weights(Actor actor, @RequestParam(required = false) String sector) {
        return tables.weights(actor, sector);
    }

    @PutMapping("/api/v1/risk/weights/{sector}/{factor}")
    WeightView changeWeight(Actor actor, @PathVariable String sector, @PathVariable String factor,
                            @RequestBody RiskTables.WeightChange change) {
        return tables.changeWeight(actor, sector, factor, change);
    }

    @GetMapping("/api/v1/risk/consequences")
    List<ConsequenceView> consequences(Actor actor) {
        return tables.consequences(actor);
    }

    @PutMapping("/api/v1/risk/consequences/{region}/{sector}/{tier}")
    ConsequenceView changeConsequence(Actor actor, @PathVariable String region, @PathVariable String sector,
                                      @PathVariable RiskTier tier, @RequestBody RiskTables.ConsequenceChange change) {
        return tables.changeConsequence(actor, region, sector, tier, change);
    }

    @GetMapping("/api/v1/risk/floors")
    List<FloorView> floors(Actor actor) {
        return tables.floors(actor);
    }

    @PostMapping("/api/v1/risk/floors")
    ResponseEntity<FloorView> addFloor(Actor actor, @RequestBody RiskTables.NewFloor floor) {
        return ResponseEntity.status(201).body(tables.addFloor(actor, floor));
    }

    @PostMapping("/api/v1/risk/floors/{id}/retirement")
    ResponseEntity<Void> retireFloor(Actor actor, @PathVariable UUID id) {
        tables.retireFloor(actor, id);
        return ResponseEntity.noContent().build();
    }
}
