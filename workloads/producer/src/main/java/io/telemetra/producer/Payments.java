package io.telemetra.producer;

import io.telemetra.events.TransactionType;
import java.math.BigDecimal;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Realistic money: subscriptions at the three tier prices, bits at 0.01 USD each, gifted
 * subscriptions in bundles, and tips in several currencies, mostly round amounts. All amounts are
 * exact {@link BigDecimal}s with the currency's usual number of decimals.
 */
final class Payments {

  /** A payment: what it was for, how much, in which currency. */
  record Payment(TransactionType type, BigDecimal amount, String currency) {}

  private static final BigDecimal[] SUB_TIERS_USD = {
    new BigDecimal("4.99"), new BigDecimal("9.99"), new BigDecimal("24.99")
  };
  private static final BigDecimal[] SUB_TIERS_EUR = SUB_TIERS_USD;
  private static final BigDecimal[] SUB_TIERS_GBP = {
    new BigDecimal("3.99"), new BigDecimal("7.99"), new BigDecimal("19.99")
  };
  private static final int[] BITS = {
    1, 50, 100, 100, 100, 100, 200, 250, 500, 500, 1000, 1000, 5000, 10000
  };
  private static final int[] GIFT_BUNDLES = {1, 1, 1, 1, 5, 5, 5, 10, 10, 20, 50, 100};
  private static final int[] ROUND_TIPS = {1, 2, 3, 5, 5, 5, 10, 10, 10, 20, 20, 25, 50, 100, 500};

  /** Tip currencies with their weight, decimals and a rough value of one US dollar. */
  private record TipCurrency(String code, double weight, int decimals, double perDollar) {}

  private static final List<TipCurrency> TIP_CURRENCIES =
      List.of(
          new TipCurrency("USD", 45, 2, 1),
          new TipCurrency("EUR", 20, 2, 1),
          new TipCurrency("GBP", 10, 2, 1),
          new TipCurrency("CAD", 7, 2, 1),
          new TipCurrency("BRL", 6, 2, 5),
          new TipCurrency("JPY", 5, 0, 100),
          new TipCurrency("SEK", 4, 2, 10),
          new TipCurrency("PLN", 3, 2, 4));
  private static final double TIP_WEIGHT_TOTAL =
      TIP_CURRENCIES.stream().mapToDouble(TipCurrency::weight).sum();

  private Payments() {}

  /**
   * One payment. {@code raid} makes subscriptions more likely (raiders subscribe), {@code hype}
   * makes bits more likely (cheering).
   */
  static Payment next(RandomGenerator random, boolean raid, boolean hype) {
    double subs = raid ? 0.6 : 0.42;
    double bits = hype ? 0.45 : 0.3;
    double gifts = 0.06;
    double roll = random.nextDouble() * (subs + bits + gifts + 0.22);
    if (roll < subs) {
      return subscription(random);
    }
    if (roll < subs + bits) {
      int count = BITS[random.nextInt(BITS.length)];
      return new Payment(TransactionType.BITS, BigDecimal.valueOf(count, 2), "USD");
    }
    if (roll < subs + bits + gifts) {
      int bundle = GIFT_BUNDLES[random.nextInt(GIFT_BUNDLES.length)];
      return new Payment(
          TransactionType.GIFT, SUB_TIERS_USD[0].multiply(BigDecimal.valueOf(bundle)), "USD");
    }
    return tip(random);
  }

  private static Payment subscription(RandomGenerator random) {
    double tierRoll = random.nextDouble();
    int tier = tierRoll < 0.86 ? 0 : tierRoll < 0.96 ? 1 : 2;
    double currencyRoll = random.nextDouble();
    if (currencyRoll < 0.8) {
      return new Payment(TransactionType.SUBSCRIPTION, SUB_TIERS_USD[tier], "USD");
    }
    if (currencyRoll < 0.93) {
      return new Payment(TransactionType.SUBSCRIPTION, SUB_TIERS_EUR[tier], "EUR");
    }
    return new Payment(TransactionType.SUBSCRIPTION, SUB_TIERS_GBP[tier], "GBP");
  }

  private static Payment tip(RandomGenerator random) {
    double roll = random.nextDouble() * TIP_WEIGHT_TOTAL;
    TipCurrency currency = TIP_CURRENCIES.get(TIP_CURRENCIES.size() - 1);
    for (TipCurrency candidate : TIP_CURRENCIES) {
      roll -= candidate.weight();
      if (roll < 0) {
        currency = candidate;
        break;
      }
    }
    double dollars;
    if (random.nextDouble() < 0.7) {
      dollars = ROUND_TIPS[random.nextInt(ROUND_TIPS.length)];
    } else {
      // Log-normal around 7 dollars: many small tips, a few large ones.
      dollars = Math.min(2_000, Math.exp(Math.log(7) + 1.1 * random.nextGaussian()));
    }
    double local = Math.max(1, dollars * currency.perDollar());
    BigDecimal amount =
        BigDecimal.valueOf(local).setScale(currency.decimals(), java.math.RoundingMode.HALF_UP);
    if (amount.signum() <= 0) {
      amount = BigDecimal.ONE.setScale(currency.decimals());
    }
    return new Payment(TransactionType.TIP, amount, currency.code());
  }
}
