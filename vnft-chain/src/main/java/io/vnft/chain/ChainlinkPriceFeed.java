package io.vnft.chain;

import io.vnft.api.Address;
import io.vnft.api.ChainException;
import io.vnft.api.InvalidInputException;
import io.vnft.api.PriceFeed;
import io.vnft.api.PriceRound;
import io.vnft.chain.internal.Rpc;
import java.math.BigInteger;
import java.util.List;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Int256;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint80;

/**
 * A Chainlink {@code AggregatorV3Interface} feed read over JSON-RPC: {@code latestRoundData} and
 * {@code getRoundData}, with the feed's heartbeat (as configured in TriggerBook) for staleness.
 * A round that does not exist (the aggregator reverts, or reports {@code updatedAt == 0}) is a
 * {@link ChainException}. Thread-safe.
 */
public final class ChainlinkPriceFeed implements PriceFeed {
  private final Rpc rpc;
  private final Address address;
  private final long heartbeatSeconds;

  ChainlinkPriceFeed(Rpc rpc, Address address, long heartbeatSeconds) {
    this.rpc = rpc;
    this.address = address;
    this.heartbeatSeconds = heartbeatSeconds;
  }

  @Override
  public Address address() {
    return address;
  }

  @Override
  public long heartbeatSeconds() {
    return heartbeatSeconds;
  }

  @Override
  public int decimals() {
    List<Type> v = rpc.call(address.hex(), new Function("decimals", List.of(),
        List.of(new TypeReference<org.web3j.abi.datatypes.generated.Uint8>() {})));
    return ((BigInteger) v.get(0).getValue()).intValueExact();
  }

  @Override
  public PriceRound latestRound() {
    return decode(rpc.call(address.hex(), new Function("latestRoundData", List.of(), outputs())), "latest");
  }

  @Override
  public PriceRound round(BigInteger roundId) {
    if (roundId == null || roundId.signum() < 0 || roundId.bitLength() > 80) {
      throw new InvalidInputException("roundId: must be a uint80, got " + roundId);
    }
    return decode(rpc.call(address.hex(), new Function("getRoundData", List.of(new Uint80(roundId)), outputs())),
        roundId.toString());
  }

  /**
   * @param round a round of this feed
   * @return the round when it is fresh at the chain's latest block time
   * @throws ChainException when it is stale (older than the heartbeat) or not positive
   */
  public PriceRound requireFresh(PriceRound round) {
    long now = rpc.latestTimestamp();
    if (round.isStale(now, heartbeatSeconds)) {
      throw new ChainException("feed " + address + " round " + round.roundId() + " is stale: updatedAt "
          + round.updatedAt() + ", chain time " + now + ", heartbeat " + heartbeatSeconds + " s");
    }
    if (round.answer().signum() <= 0) {
      throw new ChainException("feed " + address + " round " + round.roundId() + " answer is not positive: " + round.answer());
    }
    return round;
  }

  private static List<TypeReference<?>> outputs() {
    return List.of(new TypeReference<Uint80>() {}, new TypeReference<Int256>() {}, new TypeReference<Uint256>() {},
        new TypeReference<Uint256>() {}, new TypeReference<Uint80>() {});
  }

  @SuppressWarnings("rawtypes")
  private PriceRound decode(List<Type> v, String which) {
    BigInteger updatedAt = (BigInteger) v.get(3).getValue();
    if (updatedAt.signum() == 0) {
      throw new ChainException("feed " + address + " has no data for round " + which);
    }
    return new PriceRound(address, (BigInteger) v.get(0).getValue(), (BigInteger) v.get(1).getValue(),
        ((BigInteger) v.get(2).getValue()).longValueExact(), updatedAt.longValueExact());
  }
}
