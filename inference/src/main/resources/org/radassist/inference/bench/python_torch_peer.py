# The python3-torch peer of `radassist bench inference`: the network DJL runs, run by Debian's
# python3-torch in a process that stays up, so the two can be timed side by side.
#
# argv: torchscript MODEL.pt THREADS CHANNELS
#    or camnet SPEC.json THREADS NETWORK.pt...
# A camnet package (our own DJL format) runs here as the TorchScript programs DJL runs, one per
# network (written by CamNet.analysisArchives); an ensemble's members run at once on SPEC's "lanes"
# threads (torch.jit.fork), as DJL's run.
#
# stdin, one command a line:
#   SIZE COUNT              times COUNT forward passes on a random 1 x C x SIZE x SIZE tensor and
#                           prints their milliseconds on one line
#   check N C H W IN OUT    runs the little-endian float32 tensor in IN and writes the outputs to
#                           OUT as float32 (probabilities, then maps), printing their shapes
#   save FILE               writes the network run here as a TorchScript file, so that DJL can run
#                           the very same file, and prints "saved"
import json
import sys
import time
from typing import List, Tuple

import torch
from torch import nn


class Maps(nn.Module):
    """A network's maps of logits, without its probabilities."""

    def __init__(self, network):
        super().__init__()
        self.network = network

    def forward(self, x):
        return self.network(x)[1]


class Ensemble(nn.Module):
    def __init__(self, members):
        super().__init__()
        self.first = members[0]
        self.others = nn.ModuleList(members[1:])
        self.count = len(members)

    def forward(self, x):
        futures: List[torch.jit.Future[Tuple[torch.Tensor, torch.Tensor]]] = []
        for m in self.others:
            futures.append(torch.jit.fork(m, x))
        cams = self.first(x)[1]
        for f in futures:
            cams = cams + torch.jit.wait(f)[1]
        return cams / self.count


class Mirrored(nn.Module):
    def __init__(self, looks):
        super().__init__()
        self.looks = looks

    def forward(self, x):
        n = x.shape[0]
        cams = self.looks(torch.cat([x, x.flip(3)], 0))
        return (cams[:n] + cams[n:].flip(3)) / 2


class Heads(nn.Module):
    def __init__(self, maps, max_pooling: bool):
        super().__init__()
        self.maps = maps
        self.max_pooling = max_pooling

    def forward(self, x):
        cams = self.maps(x)
        flat = cams.flatten(2)
        pooled = flat.max(2)[0] if self.max_pooling else flat.mean(2)
        return torch.sigmoid(pooled), cams


def camnet(spec_path, member_paths):
    """Our own network from the TorchScript program of each of its networks that DJL runs, put
    together as DJL puts them together: the maps of an ensemble averaged, members side by side on
    SPEC's "lanes" threads, and with the mirror image's maps when the card asks for it."""
    with open(spec_path) as f:
        spec = json.load(f)
    torch.set_num_interop_threads(max(1, spec["lanes"] - 1))
    members = [torch.jit.load(p, map_location="cpu").eval() for p in member_paths]
    if len(members) == 1 and not spec["mirrored"]:
        return members[0], spec["channels"]
    maps = Ensemble(members) if len(members) > 1 else Maps(members[0])
    if spec["mirrored"]:
        maps = Mirrored(maps)
    return torch.jit.script(Heads(maps, spec["maxPooling"]).eval()), spec["channels"]


def main():
    kind = sys.argv[1]
    if kind == "torchscript":
        torch.set_num_threads(int(sys.argv[3]))
        torch.set_num_interop_threads(1)
        model = torch.jit.load(sys.argv[2], map_location="cpu").eval()
        channels = int(sys.argv[4])
    else:
        torch.set_num_threads(int(sys.argv[3]))
        model, channels = camnet(sys.argv[2], sys.argv[4:])
    print(torch.__version__, flush=True)
    for line in sys.stdin:
        words = line.split()
        if words[0] == "save":
            torch.jit.save(model, line.strip()[len("save "):])
            print("saved", flush=True)
            continue
        with torch.no_grad():
            if words[0] == "check":
                n, c, h, w = (int(v) for v in words[1:5])
                with open(words[5], "rb") as f:
                    x = torch.frombuffer(bytearray(f.read()), dtype=torch.float32)
                outputs = model(x.reshape(n, c, h, w))
                if isinstance(outputs, torch.Tensor):
                    outputs = (outputs,)
                with open(words[6], "wb") as f:
                    for o in outputs:
                        f.write(o.contiguous().numpy().astype("<f4").tobytes())
                print(" ".join("x".join(str(d) for d in o.shape) for o in outputs), flush=True)
                continue
            size, count = int(words[0]), int(words[1])
            x = torch.rand(1, channels, size, size)
            times = []
            for _ in range(count):
                start = time.perf_counter()
                model(x)
                times.append((time.perf_counter() - start) * 1000)
            print(" ".join("%.4f" % t for t in times), flush=True)


main()
