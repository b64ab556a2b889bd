package io.keel.server.scale;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.keel.scale.InstanceState;
import io.keel.scale.InstanceStatus;
import io.keel.scale.PoolStatus;
import io.keel.scale.ScalabilityReport;
import io.keel.scale.ScalingDecision;

/** The JSON of {@code /api/v1/scaling}: the scalability status report (I11) with a state per pool. */
final class ScaleViews {

    private ScaleViews() {
    }

    static Map<String, Object> scaling(ScalabilityReport report) {
        List<Map<String, Object>> pools = new ArrayList<>();
        for (PoolStatus pool : report.pools()) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("name", pool.name());
            p.put("strategy", pool.strategy().name());
            p.put("state", state(pool));
            p.put("circuit", pool.circuit().name());
            p.put("instances", pool.instances());
            p.put("ready", pool.ready());
            p.put("busy", pool.busy());
            p.put("capacity", pool.capacity());
            p.put("members", pool.members());
            pools.add(p);
        }
        List<Map<String, Object>> decisions = new ArrayList<>();
        for (ScalingDecision d : report.recentDecisions()) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("at", d.at());
            j.put("pool", d.pool());
            j.put("from", d.from());
            j.put("to", d.to());
            j.put("recommended", d.recommended());
            j.put("applied", d.applied());
            j.put("direction", d.direction());
            j.put("reason", d.reason());
            j.put("inputs", d.inputs());
            decisions.add(j);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("at", report.at());
        json.put("pools", pools);
        json.put("recentDecisions", decisions);
        if (report.costs() != null) {
            json.put("monthlyProjection", report.costs().monthlyProjection());
        }
        return json;
    }

    /** READY when every instance is, DEGRADED when some are, DOWN when none are, EMPTY when scaled to zero. */
    static String state(PoolStatus pool) {
        if (pool.members().isEmpty()) {
            return "EMPTY";
        }
        long ready = pool.members().stream().map(InstanceStatus::state).filter(s -> s == InstanceState.READY).count();
        if (ready == pool.members().size()) {
            return "READY";
        }
        return ready == 0 ? "DOWN" : "DEGRADED";
    }
}
