using NatLearning.Packets;

namespace NatLearning.Simulation;

/// <summary>Anything a packet can arrive at: a host or a router.</summary>
public abstract class Node
{
    protected Node(Network network, string name)
    {
        Network = network;
        Name = name;
    }

    public Network Network { get; }
    public string Name { get; }

    internal abstract void Receive(Packet packet, Attachment via);

    public override string ToString() => Name;
}
