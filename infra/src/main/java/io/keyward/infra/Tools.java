package io.keyward.infra;

import io.keyward.pat.PatFormat;
import java.security.SecureRandom;

/** Small helpers behind {@code ./keyward}: {@code token} prints a fresh PAT, e.g. for KEYWARD_BOOTSTRAP_ADMIN_TOKEN. */
public final class Tools {

    private Tools() {
    }

    public static void main(String[] args) {
        if (args.length == 1 && args[0].equals("token")) {
            System.out.println(PatFormat.generate(new SecureRandom()));
            return;
        }
        System.err.println("usage: Tools token");
        System.exit(2);
    }
}
