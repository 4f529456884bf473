package org.fangxin.bench;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import tools.jackson.databind.JsonNode;

/** The codes a redeem-only step redeems, issued before it so that the step times the staff's call alone. */
final class RedemptionCodes {

    private RedemptionCodes() {
    }

    /**
     * One fresh code per session (card, merchant index, holder's token), up to {@code perClientMax} per client, each
     * client's issued by its own thread; a client's queue holds its codes with their merchant index and card, a card's
     * codes one after the other.
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
                            queue.add(new String[] {code.get("code").asString(), session[1], session[0]});
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

    /**
     * All the codes in one queue, the cards taken in turn (one code of each card, then the next of each), so that
     * requests sent side by side redeem different cards: a card's codes in a row would have concurrent senders wait on
     * the card's row lock, which one holder at one counter never does.
     */
    static ConcurrentLinkedQueue<String[]> cardsInTurn(List<ConcurrentLinkedQueue<String[]>> codes) {
        Map<String, ArrayDeque<String[]>> byCard = new LinkedHashMap<>();
        codes.forEach(queue -> queue.forEach(code -> byCard.computeIfAbsent(code[2], card -> new ArrayDeque<>()).add(code)));
        ConcurrentLinkedQueue<String[]> inTurn = new ConcurrentLinkedQueue<>();
        while (!byCard.isEmpty()) {
            byCard.values().removeIf(card -> {
                inTurn.add(card.poll());
                return card.isEmpty();
            });
        }
        return inTurn;
    }
}
