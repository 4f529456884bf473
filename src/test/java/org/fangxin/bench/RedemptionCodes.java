package org.fangxin.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import tools.jackson.databind.JsonNode;

/** The codes a redeem-only step redeems, issued before it so that the step times the staff's call alone. */
final class RedemptionCodes {

    private RedemptionCodes() {
    }

    /**
     * One fresh code per session (card, merchant index, holder's token), up to {@code perClientMax} per client, each
     * client's issued by its own thread; a client's queue holds its codes with their merchant index.
     */
    static List<ConcurrentLinkedQueue<String[]>> issue(BenchMerchants.Client http, List<ConcurrentLinkedQueue<String[]>> sessions,
                                                       int clients, int perClientMax) throws InterruptedException {
        List<ConcurrentLinkedQueue<String[]>> codes = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            ConcurrentLinkedQueue<String[]> queue = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<String[]> own = sessions.get(c);
            codes.add(queue);
            Thread thread = new Thread(() -> {
                for (int i = 0; i < perClientMax; i++) {
                    String[] session = own.poll();
                    if (session == null) {
                        return;
                    }
                    try {
                        JsonNode code = http.post(session[2], "/api/v1/cards/" + session[0] + "/redemption-codes", null, 201);
                        if (code != null) {
                            queue.add(new String[] {code.get("code").asString(), session[1]});
                        }
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return codes;
    }
}
