package io.keyward.e2e;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Steady write traffic through the public API, with a ledger of what was acknowledged. Each writer loops: create an
 * account with a PAT, issue it a second PAT, revoke the first, and delete every fourth account; every revocation it
 * gets acknowledged is tried at once with the revoked PAT, and a prober keeps trying all of them. An answer no client
 * may ever get (a revoked PAT accepted, a 500, a status the operation does not have) is a violation. A command that
 * got no answer, or 502/503/504 while a process was down, is not acknowledged: it may or may not have happened.
 */
final class Workload {

    /** An account whose creation was acknowledged, with what was acknowledged on it. */
    static final class Account {
        final String id;
        final AtomicInteger issueAttempts = new AtomicInteger(1);
        /** Acknowledged PATs, credential id to plaintext. */
        final Map<String, String> pats = new ConcurrentHashMap<>();
        final Set<String> revoked = ConcurrentHashMap.newKeySet();
        volatile boolean deleted;

        Account(String id) {
            this.id = id;
        }
    }

    private record RevokedPat(String accountId, String credentialId, String pat) {
    }

    /** The statuses a transient outage may give: no answer, a bad gateway, unavailable, a timeout. */
    private static final Set<Integer> UNAVAILABLE = Set.of(-1, 502, 503, 504);

    private final Api api;
    private final String admin;
    private final String tenant;
    private final int writers;
    private final List<Thread> threads = new ArrayList<>();
    private final List<Account> accounts = new CopyOnWriteArrayList<>();
    private final List<RevokedPat> revokedPats = new CopyOnWriteArrayList<>();
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, LongAdder> answers = new ConcurrentHashMap<>();
    private final LongAdder probes = new LongAdder();
    private volatile boolean running = true;

    Workload(Api api, String admin, String tenant, int writers) {
        this.api = api;
        this.admin = admin;
        this.tenant = tenant;
        this.writers = writers;
    }

    Workload start() {
        for (int i = 0; i < writers; i++) {
            int writer = i;
            threads.add(new Thread(() -> write(writer), "writer-" + i));
        }
        threads.add(new Thread(this::probe, "prober"));
        threads.forEach(Thread::start);
        return this;
    }

    void stop() throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.join(120_000);
        }
    }

    private void write(int writer) {
        for (int n = 0; running; n++) {
            String username = "w" + writer + "-" + n;
            Api.Response created = call("create", Set.of(201),
                    () -> api.createServiceAccount(admin, tenant, username, null, Api.inDays(30)));
            pause(20);
            if (created == null) {
                continue;
            }
            Account account = new Account(created.json().get("machineUserId").asText());
            String first = created.json().get("credentialId").asText();
            account.pats.put(first, created.json().get("pat").asText());
            accounts.add(account);

            account.issueAttempts.incrementAndGet();
            Api.Response issued = call("issue", Set.of(201), () -> api.addPat(admin, tenant, account.id,
                    Api.inDays(10)));
            if (issued != null) {
                account.pats.put(issued.json().get("credentialId").asText(), issued.json().get("pat").asText());
            }
            if (call("revoke", Set.of(200), () -> api.deletePat(admin, tenant, account.id, first)) != null) {
                account.revoked.add(first);
                RevokedPat revoked = new RevokedPat(account.id, first, account.pats.get(first));
                revokedPats.add(revoked);
                tryRevoked(revoked);
            }
            if (n % 4 == 0 && call("delete", Set.of(200),
                    () -> api.deleteServiceAccount(admin, tenant, account.id)) != null) {
                account.deleted = true;
                account.pats.forEach((credential, pat) -> {
                    RevokedPat revoked = new RevokedPat(account.id, credential, pat);
                    revokedPats.add(revoked);
                    tryRevoked(revoked);
                });
            }
        }
    }

    /** Presents every acknowledged-revoked PAT in turn, about a hundred a second, until stopped. */
    private void probe() {
        while (running) {
            List<RevokedPat> snapshot = List.copyOf(revokedPats);
            if (snapshot.isEmpty()) {
                pause(100);
            }
            for (RevokedPat revoked : snapshot) {
                if (!running) {
                    return;
                }
                tryRevoked(revoked);
                pause(10);
            }
        }
    }

    private void tryRevoked(RevokedPat revoked) {
        probes.increment();
        int status = status(() -> api.getServiceAccount(revoked.pat(), tenant, revoked.accountId()));
        count("probe " + status);
        if (status != 401 && !UNAVAILABLE.contains(status)) {
            violations.add("revoked PAT " + revoked.credentialId() + " answered " + status);
        }
    }

    /** The response if it is one of {@code acknowledged}; null if the command is not known to have happened. */
    private Api.Response call(String operation, Set<Integer> acknowledged, Supplier<Api.Response> request) {
        Api.Response response;
        try {
            response = request.get();
        } catch (IllegalStateException noAnswer) {
            count(operation + " no answer");
            return null;
        }
        count(operation + " " + response.status());
        if (acknowledged.contains(response.status())) {
            return response;
        }
        if (!UNAVAILABLE.contains(response.status())) {
            violations.add(operation + " answered " + response);
        }
        return null;
    }

    private int status(Supplier<Api.Response> request) {
        try {
            return request.get().status();
        } catch (IllegalStateException noAnswer) {
            return -1;
        }
    }

    private void count(String answer) {
        answers.computeIfAbsent(answer, key -> new LongAdder()).increment();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    List<Account> accounts() {
        return accounts;
    }

    List<String> acknowledgedIssues() {
        return accounts.stream().flatMap(account -> account.pats.keySet().stream()).toList();
    }

    List<String> acknowledgedRevocations() {
        return accounts.stream().flatMap(account -> account.revoked.stream()).toList();
    }

    List<String> acknowledgedDeletes() {
        return accounts.stream().filter(account -> account.deleted).map(account -> account.id).toList();
    }

    List<String> violations() {
        return List.copyOf(violations);
    }

    String summary() {
        Map<String, Long> sorted = new TreeMap<>();
        answers.forEach((answer, count) -> sorted.put(answer, count.sum()));
        long sent = sorted.entrySet().stream().filter(entry -> !entry.getKey().startsWith("probe"))
                .mapToLong(Map.Entry::getValue).sum();
        return ("%d commands sent (%d accounts, %d PATs, %d revocations, %d deletes acknowledged), %d revoked-PAT "
                + "probes, %d violations; answers %s").formatted(sent, accounts.size(), acknowledgedIssues().size(),
                acknowledgedRevocations().size(), acknowledgedDeletes().size(), probes.sum(), violations.size(),
                sorted);
    }
}
